// Workloads
export { job, JobBuilder } from "./kinds/workloads/job.js";
export type { CompletionMode, IndexedJobOptions, JobManifest, JobRestartPolicy, PodFailurePolicy, PodFailurePolicyAction, PodFailurePolicyRule } from "./kinds/workloads/job.js";
export { cronJob, CronJobBuilder } from "./kinds/workloads/cron-job.js";
export type { ConcurrencyPolicy, CronJobManifest, UnscheduledCronJob } from "./kinds/workloads/cron-job.js";
export { dailyAt, everyDays, everyHours, everyMinutes, hourlyAt } from "./values/cron.js";
export type { CronMacro, CronSchedule } from "./values/cron.js";
export { deployment, DeploymentBuilder } from "./kinds/workloads/deployment.js";
export type { DeploymentManifest, IntOrPercent } from "./kinds/workloads/deployment.js";
export { statefulSet, StatefulSetBuilder } from "./kinds/workloads/stateful-set.js";
export type { StatefulSetManifest } from "./kinds/workloads/stateful-set.js";
export { daemonSet, DaemonSetBuilder } from "./kinds/workloads/daemon-set.js";
export type { DaemonSetManifest } from "./kinds/workloads/daemon-set.js";
export type { DnsConfig, DnsPolicy, HostAlias, PodResourceRequirements, PodResources, TopologySpreadConstraint } from "./pod/pod-fields.js";
export type { PodOS } from "./pod/pod-fields.js";
export { pod, PodBuilder } from "./kinds/workloads/pod.js";
export type { PodManifest, PodRestartPolicy } from "./kinds/workloads/pod.js";
export type { AutoscaleOptions, Companion, IngressOptions } from "./kinds/workloads/long-running.js";
export type { BuildableState, ContainerNeedsImage, MainContainerNamed, NoContainer, NoContainerYet, NoMainContainer, PodState, TaintEffect, Toleration, WorkloadOptions } from "./pod/pod.js";
export type { NoNamedContainer } from "./pod/pod.js";

// Containers
export { container, ContainerBuilder } from "./pod/container.js";
export type {
  AppContainerTraits, CompleteContainer, CompleteInitContainer, ContainerTraits, ImagePullPolicy, InitContainerTraits, PortProps, Protocol, Resources,
  CheckedResources, ContainerEdit, EnvVarEntry, NotAResourceName, QuantityTypedAsString,
  StopSignal, WindowsStopSignal,
} from "./pod/container.js";
export { configMapKeyRef, fieldRef, resourceFieldRef, secretKeyRef } from "./pod/env.js";
export type { ByteDivisor, CpuDivisor, EnvRef, EnvValue, PodFieldPath, ResourceFieldPath } from "./pod/env.js";
export { exec, grpc, httpGet, sleep, tcpSocket } from "./pod/probe.js";
export type { ExecHandler, GrpcHandler, Handler, HookHandler, HttpGetHandler, ProbeHandler, ProbeTimings, SleepHandler, TcpSocketHandler } from "./pod/probe.js";
export { claimTemplate, emptyDir, hostPath, volume } from "./pod/volume.js";
export { downwardAPI, projectConfigMap, projectDownwardAPI, projected, projectSecret, projectServiceAccountToken } from "./pod/projection.js";
export { projectClusterTrustBundle } from "./pod/projection.js";
export type { ClusterTrustBundleSelection, DownwardAPIFile, DownwardAPIVolume, Projection, ProjectedItem, ProjectedVolume, VolumeFieldPath, VolumeResourceRef } from "./pod/projection.js";
export type { ClaimTemplate, ClaimTemplateOptions, EmptyDirVolume, HostPathType, HostPathVolume, KeyedMountOptions, MountOptions, MountPropagation, NamedMountOptions, NamedVolume, OtherVolume, VolumeFields, VolumeSource } from "./pod/volume.js";

// Configuration and storage
export { configMap, ConfigMapBuilder } from "./kinds/config/config-map.js";
export type { ConfigMapManifest } from "./kinds/config/config-map.js";
export { dockerConfigSecret, secret, SecretBuilder } from "./kinds/config/secret.js";
export type { RegistryCredentials, SecretManifest, SecretType } from "./kinds/config/secret.js";
export type { FileLocation, FileName } from "./kinds/config/from-files.js";
export { persistentVolumeClaim, PersistentVolumeClaimBuilder } from "./kinds/storage/persistent-volume-claim.js";
export type { AccessMode, PersistentVolumeClaimManifest, VolumeMode } from "./kinds/storage/persistent-volume-claim.js";
export { persistentVolume, PersistentVolumeBuilder } from "./kinds/storage/persistent-volume.js";
export type { PersistentVolumeManifest, PersistentVolumeSource, ReclaimPolicy } from "./kinds/storage/persistent-volume.js";
export { storageClass, StorageClassBuilder } from "./kinds/storage/storage-class.js";
export type { StorageClassManifest, StorageClassReclaimPolicy, TopologyTerm, VolumeBindingMode } from "./kinds/storage/storage-class.js";

// Networking, identity, autoscaling, namespaces
export { service, ServiceBuilder } from "./kinds/network/service.js";
export type { PodSelectable, ServiceManifest, ServicePortOptions, ServiceType } from "./kinds/network/service.js";
export { serviceAccount, ServiceAccountBuilder } from "./kinds/rbac/service-account.js";
export type { ServiceAccountManifest } from "./kinds/rbac/service-account.js";
export { ALL_VERBS, clusterRole, ClusterRoleBuilder, pluralOf, READ_ONLY_VERBS, role, RoleBuilder, roleFor } from "./kinds/rbac/role.js";
export type { ClusterRoleManifest, PolicyRule, RoleManifest, RuleTarget, Verb } from "./kinds/rbac/role.js";
export { bindingsFor, clusterRoleBinding, ClusterRoleBindingBuilder, roleBinding, RoleBindingBuilder } from "./kinds/rbac/role-binding.js";
export type { ClusterRoleBindingManifest, RoleBindingManifest, RoleRef, Subject, UnboundClusterRoleBinding, UnboundRoleBinding } from "./kinds/rbac/role-binding.js";
export { horizontalPodAutoscaler, HorizontalPodAutoscalerBuilder } from "./kinds/autoscaling/horizontal-pod-autoscaler.js";
export type { HorizontalPodAutoscalerManifest, ScaleTarget, ScaleTargetRef } from "./kinds/autoscaling/horizontal-pod-autoscaler.js";
export { verticalPodAutoscaler, VerticalPodAutoscalerBuilder } from "./kinds/autoscaling/vertical-pod-autoscaler.js";
export type { VerticalPodAutoscalerManifest, VpaContainerPolicy, VpaUpdateMode } from "./kinds/autoscaling/vertical-pod-autoscaler.js";
export type { IpFamily, IpFamilyPolicy, TrafficPolicy } from "./kinds/network/service-fields.js";
export { ingress, IngressBuilder } from "./kinds/network/ingress.js";
export type { IngressBackendTarget, IngressManifest, IngressRoute, PathType, TlsSecret } from "./kinds/network/ingress.js";
export { ingressClass, IngressClassBuilder } from "./kinds/network/ingress-class.js";
export type { IngressClassManifest, IngressClassParameters } from "./kinds/network/ingress-class.js";
export { denyAll, ipBlock, namespaces, networkPolicy, NetworkPolicyBuilder, pods } from "./kinds/network/network-policy.js";
export type { AllowOptions, NetworkPeer, NetworkPolicyIngressRule, NetworkPolicyManifest, NetworkPolicySpec, PolicyPort, PolicyType } from "./kinds/network/network-policy.js";
export { podDisruptionBudget, PodDisruptionBudgetBuilder } from "./kinds/policy/pod-disruption-budget.js";
export type { DisruptionBudget, DisruptionBudgetOptions, PodDisruptionBudgetManifest, UnhealthyPodEvictionPolicy } from "./kinds/policy/pod-disruption-budget.js";
export type { LabelSelector, LabelSelectorRequirement } from "./kinds/label-selector.js";
export { limitRange, LimitRangeBuilder } from "./kinds/policy/limit-range.js";
export type { ClaimLimits, ContainerLimits, LimitRangeItem, LimitRangeManifest, PodLimits } from "./kinds/policy/limit-range.js";
export { resourceQuota, ResourceQuotaBuilder } from "./kinds/policy/resource-quota.js";
export type { QuotaResource, QuotaScope, QuotaScopeRequirement, ResourceQuotaManifest } from "./kinds/policy/resource-quota.js";
export { priorityClass, PriorityClassBuilder } from "./kinds/scheduling/priority-class.js";
export type { PreemptionPolicy, PriorityClassManifest } from "./kinds/scheduling/priority-class.js";
export { namespace, NamespaceBuilder } from "./kinds/cluster/namespace.js";
export type { NamespaceManifest } from "./kinds/cluster/namespace.js";

// Output and errors
export { toYaml, toYamlDocuments } from "./output/yaml.js";
export type { ReadyBuilder, YamlInput } from "./output/yaml.js";
export { PiceliValidationError } from "./internal/errors.js";
export type { Problem } from "./internal/errors.js";
export { Withheld } from "./internal/errors.js";
export type { StringMap } from "./kinds/metadata.js";
export type { Quantity, QuantitySuffix } from "./values/quantity.js";
export type { Duration } from "./values/duration.js";
export { applyRank, inApplyOrder } from "./output/apply-order.js";

// Custom resources (the code `piceli import` generates uses these)
export { customResource, CustomResourceBuilder } from "./kinds/custom/custom-resource.js";
export type { ClusterScopedKind, CustomKind, CustomKindDefinition, CustomResourceManifest, CustomResourceScope, SpecOf } from "./kinds/custom/custom-resource.js";
export { checkSchema } from "./validation/schema.js";
export type { OpenApiSchema, ValidationRule } from "./validation/schema.js";
