// AutoIntel on Azure: a Flex Consumption function app (Durable Functions) with managed-identity access to its storage,
// its secrets in Key Vault (read through Key Vault references) and Application Insights over Log Analytics.
// Deployed by `azd up` (azure.yaml: services.api -> src/AutoIntel.Functions); parameters come from the azd environment
// through main.parameters.json (docs/functions.md, "Deploy").
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to derive resource names.')
param environmentName string

@minLength(1)
@description('Azure region for all resources; it must offer Flex Consumption.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Durable Task hub name (host.json reads it from TASKHUB_NAME).')
param taskHubName string = 'autointel'

// Discord application (Developer Portal). Required: azd asks for any that is not in the environment (DISCORD_*).
@description('Discord application public key, 64 hex characters (stored in Key Vault).')
@secure()
@minLength(64)
@maxLength(64)
param discordPublicKey string

@description('Discord bot token (stored in Key Vault).')
@secure()
@minLength(1)
param discordBotToken string

@description('Discord application id (a snowflake).')
@minLength(1)
param discordApplicationId string

// LLM gateway and Qdrant: all optional; empty keeps the offline analyzers and the embedded vector store (docs/configuration.md).
@description('API key of Llm__Endpoint (stored in Key Vault); empty with an Azure OpenAI endpoint signs in with the app\'s identity.')
@secure()
param llmApiKey string = ''
param llmEndpoint string = ''
param llmModel string = ''
param llmEmbeddingModel string = ''
param llmTranscriptionModel string = ''
param qdrantUrl string = ''
@description('Qdrant API key (stored in Key Vault).')
@secure()
param qdrantApiKey string = ''

@description('E-mail address for AutoIntel alerts (run failures, slow runs, LLM cost, cache hit rate, degraded sections); empty: no notifications.')
param alertEmail string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module app 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    abbrs: abbrs
    taskHubName: taskHubName
    discordPublicKey: discordPublicKey
    discordBotToken: discordBotToken
    discordApplicationId: discordApplicationId
    llmApiKey: llmApiKey
    llmEndpoint: llmEndpoint
    llmModel: llmModel
    llmEmbeddingModel: llmEmbeddingModel
    llmTranscriptionModel: llmTranscriptionModel
    qdrantUrl: qdrantUrl
    qdrantApiKey: qdrantApiKey
    alertEmail: alertEmail
  }
}

// Written to the azd environment (.azure/<env>/.env) by `azd provision`.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.functionAppName
output SERVICE_API_NAME string = app.outputs.functionAppName
output AZURE_STORAGE_ACCOUNT_NAME string = app.outputs.storageAccountName
output AZURE_KEY_VAULT_NAME string = app.outputs.keyVaultName
output AZURE_KEY_VAULT_ENDPOINT string = app.outputs.keyVaultUri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = app.outputs.applicationInsightsConnectionString
output AUTOINTEL_INTERACTIONS_URL string = 'https://${app.outputs.defaultHostName}/api/interactions'
