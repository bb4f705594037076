// Key Vault (RBAC authorization) holding the app's secrets; only the Function App's identity may read them.
// The app settings are Key Vault references (functions.bicep), so no secret is ever a plain app setting.
param name string
param location string
param tags object

@description('Principal id of the identity that reads the secrets: the Function App\'s user-assigned identity.')
param readerPrincipalId string

@secure()
param discordPublicKey string
@secure()
param discordBotToken string
@description('Optional: empty stores nothing (an Azure OpenAI endpoint then signs in with the app\'s identity).')
@secure()
param llmApiKey string = ''
@description('Optional: empty stores nothing.')
@secure()
param qdrantApiKey string = ''

var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User (read secret contents)
var reference = '@Microsoft.KeyVault(VaultName=${name};SecretName='

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7 // the minimum: `azd down --purge` removes it at once
    publicNetworkAccess: 'Enabled' // the Function App is not in a virtual network
  }
}

// Secret names allow letters, digits and dashes only, hence not the app setting names.
resource discordPublicKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'discord-public-key'
  properties: { value: discordPublicKey, contentType: 'Discord__PublicKey' }
}

resource discordBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'discord-bot-token'
  properties: { value: discordBotToken, contentType: 'Discord__BotToken' }
}

resource llmApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(llmApiKey)) {
  parent: vault
  name: 'llm-api-key'
  properties: { value: llmApiKey, contentType: 'Llm__ApiKey' }
}

resource qdrantApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(qdrantApiKey)) {
  parent: vault
  name: 'qdrant-api-key'
  properties: { value: qdrantApiKey, contentType: 'Memory__Qdrant__ApiKey' }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRole)
  scope: vault
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri

// App setting values (references, not secrets; unversioned, so the app reads the current version). The optional ones are
// only valid when their secret was stored: the caller includes them on the same condition.
output references object = {
  discordPublicKey: '${reference}${discordPublicKeySecret.name})'
  discordBotToken: '${reference}${discordBotTokenSecret.name})'
  llmApiKey: '${reference}llm-api-key)'
  qdrantApiKey: '${reference}qdrant-api-key)'
}
