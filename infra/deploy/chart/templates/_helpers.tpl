{{/* Labels of every object of one service; the selector labels are the stable subset. */}}
{{- define "stylefleet.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "stylefleet.labels" -}}
{{ include "stylefleet.selectorLabels" . }}
app.kubernetes.io/part-of: stylefleet
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/*
The environment variable SmallRye Config reads for a configuration key: every character other than a
letter or digit becomes "_", and the whole is upper-cased (stylefleet.infer.device -> STYLEFLEET_INFER_DEVICE).
*/}}
{{- define "stylefleet.envName" -}}
{{ regexReplaceAll "[^A-Za-z0-9]" . "_" | upper }}
{{- end }}

{{/*
The Deployment of one service. Arguments: root (the chart's context), service (its name: image,
container and labels), values (its block in values.yaml), replicas (omitted for KEDA-scaled services,
whose replica count the HPA owns), workerIdKey (the key that names the worker in its events: the pod).
*/}}
{{- define "stylefleet.deployment" -}}
{{- $v := .values -}}
{{- $p := .root.Values.probes -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .root.Release.Name }}-{{ .service }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stylefleet.labels" . | nindent 4 }}
spec:
  {{- if hasKey . "replicas" }}
  replicas: {{ .replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "stylefleet.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "stylefleet.labels" . | nindent 8 }}
      {{- if $v.metrics }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/path: /q/metrics
        prometheus.io/port: "{{ $v.managementPort | default 8080 }}"
      {{- end }}
    spec:
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      {{- if and $v.gpu $v.gpu.enabled }}
      nodeSelector:
        {{- toYaml $v.gpu.nodeSelector | nindent 8 }}
      tolerations:
        {{- toYaml $v.gpu.tolerations | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .service }}
          image: {{ .root.Values.image.registry }}/{{ .service }}{{ if and $v.gpu $v.gpu.enabled }}-gpu{{ end }}:{{ .root.Values.image.tag }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
            {{- if $v.managementPort }}
            # Health and metrics: the management interface, never exposed by the Service.
            - name: management
              containerPort: {{ $v.managementPort }}
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ .root.Release.Name }}-shared
          env:
            - name: STYLEFLEET_S3_ACCESS_KEY
              valueFrom:
                secretKeyRef: {name: {{ .root.Values.s3.credentialsSecret }}, key: access-key}
            - name: STYLEFLEET_S3_SECRET_KEY
              valueFrom:
                secretKeyRef: {name: {{ .root.Values.s3.credentialsSecret }}, key: secret-key}
            {{- if .workerIdKey }}
            - name: {{ include "stylefleet.envName" .workerIdKey }}
              valueFrom:
                fieldRef: {fieldPath: metadata.name}
            {{- end }}
            {{- range $key, $value := $v.config }}
            - name: {{ include "stylefleet.envName" $key }}
              value: {{ $value | quote }}
            {{- end }}
            {{- if $v.javaOpts }}
            - name: JAVA_OPTS
              value: {{ $v.javaOpts | quote }}
            {{- end }}
            {{- if $v.mallocArenaMax }}
            - name: MALLOC_ARENA_MAX
              value: {{ $v.mallocArenaMax | quote }}
            {{- end }}
          startupProbe:
            httpGet: {path: /q/health/started, port: {{ if $v.managementPort }}management{{ else }}http{{ end }}}
            periodSeconds: {{ $p.startupPeriodSeconds }}
            failureThreshold: {{ $p.startupFailureThreshold }}
          readinessProbe:
            httpGet: {path: /q/health/ready, port: {{ if $v.managementPort }}management{{ else }}http{{ end }}}
            periodSeconds: {{ $p.readinessPeriodSeconds }}
          livenessProbe:
            httpGet: {path: /q/health/live, port: {{ if $v.managementPort }}management{{ else }}http{{ end }}}
            periodSeconds: {{ $p.livenessPeriodSeconds }}
            failureThreshold: {{ $p.livenessFailureThreshold }}
          resources:
            requests:
              {{- toYaml $v.resources.requests | nindent 14 }}
            limits:
              {{- toYaml $v.resources.limits | nindent 14 }}
              {{- if and $v.gpu $v.gpu.enabled }}
              nvidia.com/gpu: {{ $v.gpu.count }}
              {{- end }}
{{- end }}

{{/* The PodDisruptionBudget of one service: a node drain evicts no more of it than this at once. */}}
{{- define "stylefleet.disruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .root.Release.Name }}-{{ .service }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stylefleet.labels" . | nindent 4 }}
spec:
  {{- toYaml .values.disruptionBudget | nindent 2 }}
  selector:
    matchLabels:
      {{- include "stylefleet.selectorLabels" . | nindent 6 }}
{{- end }}

{{/*
The KEDA ScaledObject of one worker: its Deployment scaled on the consumer lag of its job topic.
Arguments as for the Deployment, plus topic and groupId (the worker's consumer group).
*/}}
{{- define "stylefleet.scaledObject" -}}
{{- $s := .values.scaling -}}
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ .root.Release.Name }}-{{ .service }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "stylefleet.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    name: {{ .root.Release.Name }}-{{ .service }}
  pollingInterval: {{ .root.Values.keda.pollingInterval }}
  cooldownPeriod: {{ $s.cooldownPeriod }}
  minReplicaCount: {{ $s.minReplicas }}
  maxReplicaCount: {{ $s.maxReplicas }}
  advanced:
    horizontalPodAutoscalerConfig:
      behavior:
        {{- toYaml $s.behavior | nindent 8 }}
  triggers:
    - type: kafka
      metadata:
        bootstrapServers: {{ .root.Values.kafka.bootstrapServers | quote }}
        consumerGroup: {{ .groupId | quote }}
        topic: {{ .topic | quote }}
        lagThreshold: {{ $s.lagThreshold | quote }}
        activationLagThreshold: {{ $s.activationLagThreshold | quote }}
        # The workers read a new group's partitions from the earliest offset; the lag is counted alike.
        offsetResetPolicy: earliest
        allowIdleConsumers: "false"
        scaleToZeroOnInvalidOffset: "false"
{{- end }}
