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
RATE_LIMIT_PER_MINUTE: {{ .Values.config.rateLimitPerMinute | toString | quote }}
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
