{{/*
Expand the name of the chart.
*/}}
{{- define "mentoring-coaching.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name (truncated to 63 chars: DNS label limit).
*/}}
{{- define "mentoring-coaching.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the chart label.
*/}}
{{- define "mentoring-coaching.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "mentoring-coaching.labels" -}}
helm.sh/chart: {{ include "mentoring-coaching.chart" . }}
{{ include "mentoring-coaching.selectorLabels" . }}
app.kubernetes.io/version: {{ (.Values.image.tag | default .Chart.AppVersion) | toString | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mentoring-coaching
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels (immutable on a Deployment: never add to these).
*/}}
{{- define "mentoring-coaching.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mentoring-coaching.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "mentoring-coaching.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mentoring-coaching.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Container image reference: repository@digest when a digest is set, else repository:tag.
*/}}
{{- define "mentoring-coaching.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding DATABASE_URL (required: the chart never creates credentials).
*/}}
{{- define "mentoring-coaching.databaseSecretName" -}}
{{- required "database.existingSecret is required: name an existing Secret holding DATABASE_URL" .Values.database.existingSecret }}
{{- end }}

{{/*
Name of the ConfigMap with the non-secret settings.
*/}}
{{- define "mentoring-coaching.configMapName" -}}
{{- printf "%s-config" (include "mentoring-coaching.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Environment shared by the app and the migration Job: DATABASE_URL from the existing Secret.
*/}}
{{- define "mentoring-coaching.secretEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "mentoring-coaching.databaseSecretName" . }}
      key: {{ .Values.database.secretKey }}
{{- if or .Values.decisionIds.existingSecret (eq .Values.config.serviceEnv "production") }}
- name: DECISION_ID_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ required "decisionIds.existingSecret is required in production: name an existing Secret holding DECISION_ID_KEYS" .Values.decisionIds.existingSecret }}
      key: {{ .Values.decisionIds.secretKey }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Non-secret settings, rendered as ConfigMap data (every value a string).
*/}}
{{- define "mentoring-coaching.configData" -}}
SERVICE_ENV: {{ .Values.config.serviceEnv | quote }}
HOST: "0.0.0.0"
PORT: {{ .Values.containerPort | toString | quote }}
WORKERS: {{ .Values.config.workers | toString | quote }}
LOG_LEVEL: {{ .Values.config.logLevel | quote }}
DB_POOL_SIZE: {{ .Values.config.dbPoolSize | toString | quote }}
DB_MAX_OVERFLOW: {{ .Values.config.dbMaxOverflow | toString | quote }}
DB_POOL_TIMEOUT_SECONDS: {{ .Values.config.dbPoolTimeoutSeconds | toString | quote }}
DB_CONNECT_TIMEOUT_SECONDS: {{ .Values.config.dbConnectTimeoutSeconds | toString | quote }}
DB_STATEMENT_TIMEOUT_MS: {{ .Values.config.dbStatementTimeoutMs | toString | quote }}
CONTENT_POLL_SECONDS: {{ .Values.config.contentPollSeconds | toString | quote }}
LOAD_CONTENT_ON_START: "false"
WEBHOOK_WORKER_IN_SERVICE: {{ (not .Values.webhookWorker.enabled) | toString | quote }}
CORS_ORIGINS: {{ .Values.config.corsOrigins | quote }}
RATE_LIMIT_REQUESTS: {{ .Values.config.rateLimitRequests | toString | quote }}
RATE_LIMIT_WINDOW_SECONDS: {{ .Values.config.rateLimitWindowSeconds | toString | quote }}
METRICS_PORT: {{ .Values.metrics.port | toString | quote }}
{{- $trusted := .Values.config.trustedProxies }}
{{- if and (not $trusted) .Values.ingress.enabled }}
{{- $trusted = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7" }}
{{- end }}
TRUSTED_PROXIES: {{ $trusted | quote }}
{{- $public := .Values.config.publicBaseUrl }}
{{- if and (not $public) .Values.ingress.enabled .Values.ingress.hosts }}
{{- $public = printf "%s://%s" (ternary "https" "http" (not (empty .Values.ingress.tls))) (index .Values.ingress.hosts 0).host }}
{{- end }}
PUBLIC_BASE_URL: {{ $public | quote }}
{{- with .Values.config.otelExporterOtlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
OTEL_SERVICE_NAME: {{ .Values.config.otelServiceName | default (include "mentoring-coaching.fullname" .) | quote }}
{{- range $key, $value := .Values.extraConfig }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/*
Selector labels of the webhook worker's pods: a name of their own, so that neither the API's
Deployment nor its Service ever selects them.
*/}}
{{- define "mentoring-coaching.workerSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-worker" (include "mentoring-coaching.name" .) | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: webhook-worker
{{- end }}

{{/*
Labels of the migration Job's pods: a name of their own, so that no selector of the API
(Deployment, Service, PodDisruptionBudget, HPA) counts them.
*/}}
{{- define "mentoring-coaching.migrationSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-migrations" (include "mentoring-coaching.name" .) | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: migrations
{{- end }}

{{/*
Pods a Deployment of `replicas` may run at once during a rolling update: the replicas plus
maxSurge (a count, or a percentage rounded up, as Kubernetes does). Called with
(list replicas strategy).
*/}}
{{- define "mentoring-coaching.podsDuringRollout" -}}
{{- $replicas := int (index . 0) }}
{{- $strategy := index . 1 | default dict }}
{{- $surge := "25%" }}
{{- if eq ($strategy.type | default "RollingUpdate") "Recreate" }}
{{- $surge = 0 }}
{{- else if and $strategy.rollingUpdate (hasKey $strategy.rollingUpdate "maxSurge") }}
{{- $surge = $strategy.rollingUpdate.maxSurge }}
{{- end }}
{{- if kindIs "string" $surge }}
{{- $percent := int (trimSuffix "%" $surge) }}
{{- add $replicas (div (add (mul $replicas $percent) 99) 100) }}
{{- else }}
{{- add $replicas (int $surge) }}
{{- end }}
{{- end }}

{{/*
Connection budget (docs/operations.md, "Connection budget"): what this release may hold open
at once on PostgreSQL, as a dict of its parts and `total`.
- API: pods (the HPA's maximum, or replicaCount, plus the rollout's surge) x WORKERS x
  (DB_POOL_SIZE + DB_MAX_OVERFLOW + 1 content LISTEN + 4 job-queue connections when the
  webhook worker runs inside the API processes);
- webhook worker Deployment: pods (with surge) x (DB_POOL_SIZE + DB_MAX_OVERFLOW + 4);
- migration Job: 1 (alembic's connection, then the content load's).
*/}}
{{- define "mentoring-coaching.connectionBudget" -}}
{{- $config := .Values.config }}
{{- $pool := add $config.dbPoolSize $config.dbMaxOverflow }}
{{- $queue := 4 }}
{{- $apiReplicas := ternary .Values.autoscaling.maxReplicas .Values.replicaCount .Values.autoscaling.enabled }}
{{- $apiPods := include "mentoring-coaching.podsDuringRollout" (list $apiReplicas .Values.updateStrategy) | int }}
{{- $perProcess := add $pool 1 (ternary 0 $queue .Values.webhookWorker.enabled) }}
{{- $api := mul $apiPods $config.workers $perProcess }}
{{- $worker := 0 }}
{{- if .Values.webhookWorker.enabled }}
{{- $workerPods := include "mentoring-coaching.podsDuringRollout" (list .Values.webhookWorker.replicaCount dict) | int }}
{{- $worker = mul $workerPods (add $pool $queue) }}
{{- end }}
{{- $migrations := ternary 1 0 .Values.migrations.enabled }}
{{- toYaml (dict "api" $api "apiPods" $apiPods "worker" $worker "migrations" $migrations "total" (add $api $worker $migrations)) }}
{{- end }}

{{/*
Refuse values whose budget does not fit in database.maxConnections less
database.otherConnections (JSON Schema cannot add and multiply values).
*/}}
{{- define "mentoring-coaching.checkConnectionBudget" -}}
{{- $budget := include "mentoring-coaching.connectionBudget" . | fromYaml }}
{{- $available := sub .Values.database.maxConnections .Values.database.otherConnections }}
{{- if gt (int $budget.total) (int $available) }}
{{- fail (printf "connection budget: %d connections (API %d, webhook worker %d, migration Job %d) is more than database.maxConnections %d less database.otherConnections %d; lower the pools (config.dbPoolSize, config.dbMaxOverflow), WORKERS or the replicas, raise max_connections, or put PgBouncer in front (docs/operations.md, \"Connection budget\")" (int $budget.total) (int $budget.api) (int $budget.worker) (int $budget.migrations) (int .Values.database.maxConnections) (int .Values.database.otherConnections)) }}
{{- end }}
{{- end }}
