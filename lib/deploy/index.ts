// piceli/deploy: from code to cluster. Load objects from TypeScript, YAML and JSON; plan their apply order; compare
// them with a live cluster; apply them with server-side apply, waiting and rolling back. This entry loads
// @kubernetes/client-node only when it connects to a cluster (loadKubeConfig, Cluster.connect); the DSL entry ("piceli") never does.

// Loading
export { loadSources, DOCUMENT_EXTENSIONS } from "./load/load-sources.js";
export type { LoadResult, LoadSourcesOptions } from "./load/load-sources.js";
export { parseDocuments } from "./load/document-source.js";
export { loadModule, MODULE_EXTENSIONS } from "./load/module-source.js";
export type { LoadedModule } from "./load/module-source.js";
export { collectExports } from "./load/collect-exports.js";
export type { CollectedExports, SkippedExport } from "./load/collect-exports.js";
export { describeSource } from "./load/source.js";
export type { DocumentSource, LoadedObject, ModuleSource, OptionSource, Source } from "./load/source.js";
export { resolveObjects } from "./resolve-objects.js";
export type { ResolvedObjects, ResolveOptions } from "./resolve-objects.js";
export { builtInScope, firstKnown, scopeFromDefinitions } from "./scope.js";
export type { Scope, ScopeLookup } from "./scope.js";

// Objects
export type { Json, JsonObject, Manifest, ManifestMetadata } from "./manifest.js";
export { describe, groupOf, idOf, keyOf } from "./object-id.js";
export type { ObjectId } from "./object-id.js";

// Planning and output
export { planApply } from "./plan/plan.js";
export type { Dependency, Plan, PlannedObject } from "./plan/plan.js";
export { referencesOf } from "./plan/references.js";
export type { ReferenceTarget } from "./plan/references.js";
export { renderPlan } from "./plan/render-plan.js";
export type { PlanFormat } from "./plan/render-plan.js";
export { renderList, synthChunks, synthText, synthToDirectory } from "./synth.js";
export type { SynthFormat } from "./synth.js";

// The cluster
export { Cluster, KindNotServedError } from "./cluster/cluster.js";
export type { ApplyOptions, DeleteOptions } from "./cluster/cluster.js";
export { loadKubeConfig } from "./cluster/kube-config.js";
export type { ConnectionOptions, LoadedKubeConfig } from "./cluster/kube-config.js";
export { kubeConfigTransport } from "./cluster/transport.js";
export type { ApiRequest, Transport } from "./cluster/transport.js";
export { Discovery } from "./cluster/discovery.js";
export type { ResourceInfo } from "./cluster/discovery.js";

// Diff
export { previewPlan } from "./diff/preview.js";
export type { ObjectPreview, PreviewOptions } from "./diff/preview.js";
export { classify, conflictOwners, describeOwners, immutableFields } from "./diff/classify.js";
export type { Change, DryRunResult, FieldOwner } from "./diff/classify.js";
export { comparable } from "./diff/normalize.js";
export { diffLines, unifiedDiff } from "./diff/line-diff.js";
export { diffExitCode, renderDiff, summarize, summaryLine } from "./diff/render-diff.js";
export type { DiffSummary, RenderDiffOptions } from "./diff/render-diff.js";

// Apply, wait, rollback, prune
export { applyPlan } from "./apply/apply-plan.js";
export type { ApplyFailure, ApplyPlanOptions, ApplyReport, ObjectOutcome } from "./apply/apply-plan.js";
export { renderApplyReport } from "./apply/render-report.js";
export { planRollback, recreateBody, restoreBody } from "./apply/rollback-plan.js";
export type { JournalEntry, RollbackStep } from "./apply/rollback-plan.js";
export { executeRollback } from "./apply/rollback.js";
export type { RollbackOptions, RollbackResult } from "./apply/rollback.js";
export { waitForObjects } from "./apply/wait.js";
export type { WaitOptions, WaitResult } from "./apply/wait.js";
export {
  claimReadiness, daemonSetReadiness, deploymentReadiness, jobReadiness, serviceReadiness, statefulSetReadiness, waitKindOf,
} from "./apply/readiness.js";
export type { Readiness, WaitKind } from "./apply/readiness.js";
export { findPruneCandidates, pruneDecision } from "./apply/prune.js";
export type { PruneCandidates, PruneOptions } from "./apply/prune.js";
export { appliedWithSet, checkPruneAllow, checkSetName, PRUNED_WHEN_NAMED, SET_LABEL, setLabelOwners, withSetLabel } from "./ownership.js";
export { lineProgress, silentProgress, spinnerProgress } from "./progress.js";
export { podProblem, STUCK_CONTAINER_REASONS } from "./apply/pod-problems.js";
export type { PodProblem } from "./apply/pod-problems.js";
export { labelSelector, podsOf } from "./apply/workload-pods.js";
export { formatTimeout, parseDuration, TIMEOUT_ANNOTATION, timeoutsFor } from "./apply/timeouts.js";
export type { TimeoutOverride } from "./apply/timeouts.js";
export { jobFinished, RERUN_ANNOTATION, rerunAsked } from "./apply/rerun-jobs.js";
export { findMissingNamespaces, missingNamespacesError, namespaceObjects } from "./apply/missing-namespaces.js";
export type { MissingNamespace } from "./apply/missing-namespaces.js";
export { changedPaths, clusterStatus, renderStatus, statusExitCode } from "./diff/status.js";
export type { ObjectStatus, StatusReport } from "./diff/status.js";
export { folderFiles } from "./load/load-sources.js";

// Configuration and shell completion
export { CONFIG_FILES, checkConfig, loadConfig, SETTINGS } from "./cli/config.js";
export type { LoadedConfig, SettingName } from "./cli/config.js";
// Also in piceli/config, which a piceli.config.ts should import: it loads nothing else.
export { defineConfig } from "./cli/define-config.js";
export type { PiceliConfig } from "./cli/define-config.js";
export { completionScript, SHELLS } from "./cli/completion.js";
export type { Shell } from "./cli/completion.js";
export type { Progress } from "./progress.js";

// Secrets and errors
export { MASK, maskSecret, maskSecretPair, Redactor } from "./secrets.js";
export { ClusterApiError, ClusterUnreachableError, DeployError, InputError, PlanCycleError } from "./errors.js";
export type { ApiCause, InputLocation } from "./errors.js";
