// Alerts and the workbook over what the Functions app exports through OpenTelemetry (docs/observability.md).
// Spans arrive in AppDependencies (the run is the span named 'autointel.run'), metrics in AppMetrics (OpenTelemetry
// instrument names, delta sums per export); both live in the Log Analytics workspace behind Application Insights.
param location string
param tags object
param resourceToken string
param logAnalyticsId string
param applicationInsightsId string

@description('Where alert notifications go; empty creates the rules without an action group (they still show in Azure Monitor).')
param alertEmail string = ''

@description('Alert when more than this share of runs failed in the last hour (percent).')
param maxFailedRunPercent int = 10

@description('Alert when the 95th percentile of run duration over the last hour exceeds this (seconds).')
param maxP95RunSeconds int = 900

@description('Alert when LLM spending over the last 24 hours exceeds this (US cents, so that the threshold stays an integer).')
param maxDailyLlmCostCents int = 500

@description('Alert when fewer than this share of LLM cache lookups hit over the last 6 hours (percent).')
param minCacheHitPercent int = 20

@description('Alert when more than this share of briefing sections came out degraded over the last 6 hours (percent).')
param maxDegradedSectionPercent int = 25

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-autointel-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'autointel'
    enabled: true
    emailReceivers: [{ name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

// Each query returns one row per evaluation with the measure the threshold applies to; rows need enough traffic to mean
// something (a minimum count), so a quiet hour never alerts on one failed run out of one.
var runs = 'AppDependencies | where Name == "autointel.run"'
var rules = [
  {
    name: 'run-failure-rate'
    displayName: 'AutoIntel: run failure rate'
    description: 'More than ${maxFailedRunPercent}% of runs failed in the last hour (at least 5 runs).'
    severity: 2
    frequency: 'PT15M'
    window: 'PT1H'
    query: '${runs} | summarize Total = count(), Failed = countif(Success == false) | where Total >= 5 | extend FailedPercent = 100.0 * Failed / Total'
    measure: 'FailedPercent'
    operator: 'GreaterThan'
    threshold: maxFailedRunPercent
  }
  {
    name: 'run-duration-p95'
    displayName: 'AutoIntel: p95 run duration'
    description: 'The 95th percentile of run duration over the last hour is above ${maxP95RunSeconds} s.'
    severity: 3
    frequency: 'PT15M'
    window: 'PT1H'
    query: '${runs} | summarize P95Seconds = percentile(DurationMs, 95) / 1000.0, Total = count() | where Total >= 5'
    measure: 'P95Seconds'
    operator: 'GreaterThan'
    threshold: maxP95RunSeconds
  }
  {
    name: 'llm-daily-cost'
    displayName: 'AutoIntel: daily LLM cost'
    description: 'LLM calls cost more than ${maxDailyLlmCostCents} US cents in the last 24 hours.'
    severity: 2
    frequency: 'PT1H'
    window: 'P1D'
    query: 'AppMetrics | where Name == "autointel.llm.cost" | summarize Cents = 100.0 * sum(Sum)'
    measure: 'Cents'
    operator: 'GreaterThan'
    threshold: maxDailyLlmCostCents
  }
  {
    name: 'llm-cache-hit-rate'
    displayName: 'AutoIntel: LLM cache hit rate'
    description: 'Fewer than ${minCacheHitPercent}% of LLM cache lookups hit over the last 6 hours (at least 50 lookups).'
    severity: 3
    frequency: 'PT1H'
    window: 'PT6H'
    query: 'AppMetrics | where Name == "autointel.llm.cache.lookups" | summarize Total = sum(Sum), Hits = sumif(Sum, tostring(Properties.result) == "hit") | where Total >= 50 | extend HitPercent = 100.0 * Hits / Total'
    measure: 'HitPercent'
    operator: 'LessThan'
    threshold: minCacheHitPercent
  }
  {
    name: 'degraded-section-rate'
    displayName: 'AutoIntel: degraded section rate'
    description: 'More than ${maxDegradedSectionPercent}% of briefing sections were degraded over the last 6 hours (at least 20 sections).'
    severity: 3
    frequency: 'PT1H'
    window: 'PT6H'
    query: 'AppMetrics | where Name == "autointel.sections" | summarize Total = sum(Sum), Degraded = sumif(Sum, tostring(Properties.outcome) == "degraded") | where Total >= 20 | extend DegradedPercent = 100.0 * Degraded / Total'
    measure: 'DegradedPercent'
    operator: 'GreaterThan'
    threshold: maxDegradedSectionPercent
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: 'alert-autointel-${rule.name}-${resourceToken}'
  location: location
  tags: tags
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [logAnalyticsId]
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Maximum'
          metricMeasureColumn: rule.measure
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: empty(alertEmail) ? [] : [actionGroup.id] }
  }
}]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(applicationInsightsId, 'autointel-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'AutoIntel operations'
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('monitoring/workbook.json')
  }
}

output alertRuleNames array = [for (rule, i) in rules: alerts[i].name]
output workbookId string = workbook.id
