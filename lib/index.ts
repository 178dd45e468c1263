// Workloads
export { job, JobBuilder } from "./job.js";
export type { CompletionMode, IndexedJobOptions, JobManifest, JobRestartPolicy, PodFailurePolicy, PodFailurePolicyAction, PodFailurePolicyRule } from "./job.js";
export { cronJob, CronJobBuilder } from "./cron-job.js";
export type { ConcurrencyPolicy, CronJobManifest, UnscheduledCronJob } from "./cron-job.js";
export { dailyAt, everyDays, everyHours, everyMinutes, hourlyAt } from "./cron.js";
export type { CronMacro, CronSchedule } from "./cron.js";
export { deployment, DeploymentBuilder } from "./deployment.js";
export type { DeploymentManifest, IntOrPercent } from "./deployment.js";
export { statefulSet, StatefulSetBuilder } from "./stateful-set.js";
export type { StatefulSetManifest } from "./stateful-set.js";
export { daemonSet, DaemonSetBuilder } from "./daemon-set.js";
export type { DaemonSetManifest } from "./daemon-set.js";
export type { AutoscaleOptions } from "./long-running.js";
export type { BuildableState, NoContainer, PodState, TaintEffect, Toleration } from "./pod.js";

// Containers
export { container, ContainerBuilder } from "./container.js";
export type {
  AppContainerTraits, CompleteContainer, CompleteInitContainer, ContainerTraits, ImagePullPolicy, InitContainerTraits, PortProps, Protocol, Resources,
} from "./container.js";
export { fieldRef, resourceFieldRef } from "./env.js";
export type { ByteDivisor, CpuDivisor, EnvRef, EnvValue, PodFieldPath, ResourceFieldPath } from "./env.js";
export { exec, grpc, httpGet, sleep, tcpSocket } from "./probe.js";
export type { ExecHandler, GrpcHandler, Handler, HookHandler, HttpGetHandler, ProbeHandler, ProbeTimings, SleepHandler, TcpSocketHandler } from "./probe.js";
export { claimTemplate, emptyDir, hostPath } from "./volume.js";
export type { ClaimTemplate, EmptyDirVolume, HostPathType, HostPathVolume, KeyedMountOptions, MountOptions, VolumeSource } from "./volume.js";

// Configuration and storage
export { configMap, ConfigMapBuilder } from "./config-map.js";
export type { ConfigMapManifest } from "./config-map.js";
export { dockerConfigSecret, secret, SecretBuilder } from "./secret.js";
export type { RegistryCredentials, SecretManifest, SecretType } from "./secret.js";
export { persistentVolumeClaim, PersistentVolumeClaimBuilder } from "./persistent-volume-claim.js";
export type { AccessMode, PersistentVolumeClaimManifest, VolumeMode } from "./persistent-volume-claim.js";
export { persistentVolume, PersistentVolumeBuilder } from "./persistent-volume.js";
export type { PersistentVolumeManifest, PersistentVolumeSource, ReclaimPolicy } from "./persistent-volume.js";
export { storageClass, StorageClassBuilder } from "./storage-class.js";
export type { StorageClassManifest, StorageClassReclaimPolicy, VolumeBindingMode } from "./storage-class.js";

// Networking, identity, autoscaling, namespaces
export { service, ServiceBuilder } from "./service.js";
export type { PodSelectable, ServiceManifest, ServicePortOptions, ServiceType } from "./service.js";
export { serviceAccount, ServiceAccountBuilder } from "./service-account.js";
export type { ServiceAccountManifest } from "./service-account.js";
export { ALL_VERBS, clusterRole, ClusterRoleBuilder, pluralOf, READ_ONLY_VERBS, role, RoleBuilder, roleFor } from "./role.js";
export type { ClusterRoleManifest, PolicyRule, RoleManifest, RuleTarget, Verb } from "./role.js";
export { bindingsFor, clusterRoleBinding, ClusterRoleBindingBuilder, roleBinding, RoleBindingBuilder } from "./role-binding.js";
export type { ClusterRoleBindingManifest, RoleBindingManifest, RoleRef, Subject, UnboundClusterRoleBinding, UnboundRoleBinding } from "./role-binding.js";
export { horizontalPodAutoscaler, HorizontalPodAutoscalerBuilder } from "./horizontal-pod-autoscaler.js";
export type { HorizontalPodAutoscalerManifest, ScaleTarget, ScaleTargetRef } from "./horizontal-pod-autoscaler.js";
export { verticalPodAutoscaler, VerticalPodAutoscalerBuilder } from "./vertical-pod-autoscaler.js";
export type { VerticalPodAutoscalerManifest, VpaContainerPolicy, VpaUpdateMode } from "./vertical-pod-autoscaler.js";
export { namespace, NamespaceBuilder } from "./namespace.js";
export type { NamespaceManifest } from "./namespace.js";

// Output and errors
export { toYaml } from "./yaml.js";
export type { ReadyBuilder, YamlInput } from "./yaml.js";
export { PiceliValidationError } from "./internal/errors.js";
export type { Problem } from "./internal/errors.js";
export type { StringMap } from "./metadata.js";
export type { Quantity, QuantitySuffix } from "./quantity.js";
export type { Duration } from "./duration.js";
export { applyRank, inApplyOrder } from "./apply-order.js";
