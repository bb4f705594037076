// Function app, plan, storage, monitoring, Key Vault and the identity that ties them together (resource-group scope).
param location string
param tags object
param resourceToken string
param abbrs object
param taskHubName string

@secure()
param discordPublicKey string
@secure()
param discordBotToken string
param discordApplicationId string
@secure()
param llmApiKey string = ''
param llmEndpoint string = ''
param llmModel string = ''
param llmEmbeddingModel string = ''
param llmTranscriptionModel string = ''
param qdrantUrl string = ''
@description('Where alert notifications go (empty: alerts without notifications).')
param alertEmail string = ''
@secure()
param qdrantApiKey string = ''

var deploymentContainer = 'app-package'

// Built-in role definition ids: Durable Functions needs blobs, queues and tables.
var storageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${abbrs.managedIdentity}${resourceToken}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${abbrs.storageAccount}${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only
    minimumTlsVersion: 'TLS1_2'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, identity.id, role)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

// Secrets live in Key Vault; the app reads them through Key Vault references with this identity.
module keyVault 'keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: '${abbrs.keyVault}${resourceToken}'
    location: location
    tags: tags
    readerPrincipalId: identity.properties.principalId
    discordPublicKey: discordPublicKey
    discordBotToken: discordBotToken
    llmApiKey: llmApiKey
    qdrantApiKey: qdrantApiKey
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${abbrs.logAnalytics}${resourceToken}'
  location: location
  tags: tags
  properties: { retentionInDays: 30, sku: { name: 'PerGB2018' } }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${abbrs.applicationInsights}${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true // telemetry is accepted only from Entra ID identities (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)
  }
}

var monitoringMetricsPublisherRole = '3913510d-42f4-4e42-8a64-420c390055eb'

resource publishTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisherRole)
  scope: insights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRole)
  }
}

var hostSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  // The host and the worker (Worker.ApplicationInsights) both send telemetry signed in as the identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  TASKHUB_NAME: taskHubName
  // Artifacts as blobs in this account, reached with the managed identity above (docs/storage.md).
  Storage__Kind: 'azureblob'
}

// Secrets as Key Vault references; the optional ones only when given (their secret exists only then).
var secretSettings = union(
  {
    Discord__PublicKey: keyVault.outputs.references.discordPublicKey
    Discord__BotToken: keyVault.outputs.references.discordBotToken
  },
  empty(llmApiKey) ? {} : { Llm__ApiKey: keyVault.outputs.references.llmApiKey },
  empty(qdrantApiKey) ? {} : { Memory__Qdrant__ApiKey: keyVault.outputs.references.qdrantApiKey }
)

// Plain settings from the azd environment; empty ones are left out, so the app's defaults apply (docs/configuration.md).
var optionalSettings = {
  Llm__Endpoint: llmEndpoint
  Llm__Model: llmModel
  Llm__EmbeddingModel: llmEmbeddingModel
  Llm__TranscriptionModel: llmTranscriptionModel
  Memory__Qdrant__Url: qdrantUrl
}

var appSettings = union(
  hostSettings,
  { Discord__ApplicationId: discordApplicationId },
  toObject(filter(items(optionalSettings), s => !empty(s.value)), s => s.key, s => s.value),
  secretSettings
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${abbrs.appServicePlan}${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: '${abbrs.functionApp}${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (there is no system-assigned one).
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      appSettings: map(items(appSettings), s => { name: s.key, value: s.value })
    }
  }
  // The identity must hold its storage and telemetry roles before the host starts (the Key Vault role comes with keyVault's
  // outputs, which the settings use).
  dependsOn: [roleAssignments, publishTelemetry, packages]
}

// Alert rules and the operations workbook over the app's OpenTelemetry spans and metrics (docs/observability.md).
module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    logAnalyticsId: logs.id
    applicationInsightsId: insights.id
    alertEmail: alertEmail
  }
}

output functionAppName string = functionApp.name
output storageAccountName string = storage.name
output defaultHostName string = functionApp.properties.defaultHostName
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri
output applicationInsightsConnectionString string = insights.properties.ConnectionString
