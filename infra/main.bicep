// AutoIntel on Azure: a Flex Consumption function app (Durable Functions) with managed-identity access to its storage.
// Deployed by `azd up` (azure.yaml: services.api -> src/AutoIntel.Functions).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to derive resource names.')
param environmentName string

@minLength(1)
@description('Azure region for all resources.')
param location string

@description('Durable Task hub name (host.json reads it from TASKHUB_NAME).')
param taskHubName string = 'autointel'

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
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.functionAppName
output AZURE_STORAGE_ACCOUNT_NAME string = app.outputs.storageAccountName
output AUTOINTEL_INTERACTIONS_URL string = 'https://${app.outputs.defaultHostName}/api/interactions'
