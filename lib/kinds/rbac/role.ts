import type { KubernetesObject, V1ClusterRole, V1PolicyRule, V1Role } from "@kubernetes/client-node";
import { cloned } from "../../internal/cloned.js";
import type { Problems, Rule } from "../../internal/errors.js";
import { emitClusterMetadata, emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { AllKeys } from "../../internal/types.js";
import { anyString, pathSegmentName } from "../../validation/rules.js";
import type { ReadyBuilder } from "../../output/yaml.js";

/** The verbs of Kubernetes' API; any other string (e.g. `"use"`, `"bind"`, `"impersonate"`) is allowed too. */
export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection" | "*" | (string & {});

/** Every verb on resources, in Piceli's order. */
export const ALL_VERBS = ["get", "list", "create", "update", "patch", "watch", "delete", "deletecollection"] as const satisfies readonly Verb[];

/** The read-only verbs. */
export const READ_ONLY_VERBS = ["get", "list", "watch"] as const satisfies readonly Verb[];

/** One entry of `rules`: verbs allowed on resources of API groups (or on non-resource URLs, ClusterRoles only). */
export interface PolicyRule {
  /** `""` is the core group (Pods, Services, ConfigMaps, …). */
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly verbs: readonly Verb[];
}

/**
 * The name of a role or binding, as the API server checks it: any non-empty text but "." and "..", without "/"
 * or "%" (so the built-in `system:auth-delegator` is one).
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/rbac/validation/validation.go
 */
export const rbacName: Rule = {
  expected: 'a role or binding name: not empty, "." or "..", and without "/" or "%"',
  test: pathSegmentName.test,
};

/**
 * Something a rule can be about: a manifest with an `apiVersion` and `kind`, or a builder that can build one,
 * e.g. `cronJob(...).image(...)` (its `build()` tells the kind; a custom resource's builder also its `plural`).
 */
export type RuleTarget = { readonly apiVersion?: string; readonly kind?: string } | ReadyBuilder;

/** A `rbac.authorization.k8s.io/v1` Role as piceli builds it. */
export type RoleManifest = V1Role & { apiVersion: "rbac.authorization.k8s.io/v1"; kind: "Role"; metadata: NamedMetadata };
/** A `rbac.authorization.k8s.io/v1` ClusterRole as piceli builds it. */
export type ClusterRoleManifest = V1ClusterRole & { apiVersion: "rbac.authorization.k8s.io/v1"; kind: "ClusterRole"; metadata: NamedMetadata };

interface RoleProps extends ObjectProps {
  readonly rules: readonly PolicyRule[];
}

abstract class RulesBuilder<Kind extends "Role" | "ClusterRole"> extends ObjectBuilder<RoleProps> {
  protected abstract override readonly kindName: Kind;

  /** The kind, for role bindings' `roleRef`. */
  get roleKind(): Kind {
    return this.kindName;
  }

  /** Adds an entry to `rules`. */
  rule(rule: PolicyRule): this {
    return this.with({ ...this.props, rules: [...this.props.rules, cloned(rule)] });
  }

  /**
   * Adds rules allowing `verbs` on the kinds of `targets` (their API group and resource plural, e.g. a CronJob ->
   * `batch` / `cronjobs`), on every object of those kinds unless `resourceNames` narrows it.
   * @example role("deployer").allow(["get", "patch"], web)
   */
  allow(verbs: readonly Verb[], ...targets: RuleTarget[]): this {
    const rules = targets.map((t) => ({ verbs: [...verbs], ...resourceOf(t) }));
    return this.with({ ...this.props, rules: [...this.props.rules, ...rules] });
  }

  protected emitRules(problems: Problems): V1PolicyRule[] {
    return this.props.rules.map((rule, i) => {
      // the rule's path is written only when a problem is reported
      if (rule.verbs.length === 0) problems.add(`${ruleAt(i)}.verbs`, "at least one verb", []);
      rule.verbs.forEach((verb, j) => {
        if (typeof verb !== "string") problems.check(`${ruleAt(i)}.verbs[${j}]`, verb, anyString);
      });
      const hasResources = (rule.resources?.length ?? 0) > 0;
      const hasUrls = (rule.nonResourceURLs?.length ?? 0) > 0;
      if (this.kindName === "Role" && hasUrls) problems.add(`${ruleAt(i)}.nonResourceURLs`, "nothing in a Role (only ClusterRoles grant non-resource URLs)", rule.nonResourceURLs);
      if (hasUrls && (hasResources || (rule.apiGroups?.length ?? 0) > 0 || (rule.resourceNames?.length ?? 0) > 0)) {
        problems.add(`${ruleAt(i)}.nonResourceURLs`, "a rule of its own: one rule can't be about both resources and non-resource URLs", rule.nonResourceURLs);
      }
      if (!hasResources && !hasUrls) problems.add(`${ruleAt(i)}.resources`, "at least one resource (or, in a ClusterRole, a non-resource URL)", rule.resources ?? []);
      if (hasResources && !hasUrls && (rule.apiGroups?.length ?? 0) === 0) problems.add(`${ruleAt(i)}.apiGroups`, 'the API groups of the resources ("" for the core group)', rule.apiGroups);
      const out: V1PolicyRule = { verbs: [...rule.verbs] };
      if (rule.apiGroups) out.apiGroups = [...rule.apiGroups];
      if (rule.resources) out.resources = [...rule.resources];
      if (rule.resourceNames && rule.resourceNames.length > 0) out.resourceNames = [...rule.resourceNames];
      if (rule.nonResourceURLs) out.nonResourceURLs = [...rule.nonResourceURLs];
      return out;
    });
  }
}

/** The path of the rule at `index`. */
function ruleAt(index: number): string {
  return `rules[${index}]`;
}

/** An immutable builder of a Role: permissions within one namespace. */
export class RoleBuilder extends RulesBuilder<"Role"> {
  protected readonly kindName = "Role";

  /** @internal Use {@link role}. */
  constructor(props: RoleProps) {
    super(props);
  }

  protected with(p: RoleProps, metadata = p.metadata): this {
    return new RoleBuilder({ metadata, rules: p.rules, [PATCHES]: p[PATCHES] } satisfies AllKeys<RoleProps>) as this;
  }

  /** Returns a fresh `RoleManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): RoleManifest {
    return this.checked((p, problems) => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: emitMetadata(p.metadata, rbacName, problems),
      rules: this.emitRules(problems),
    }));
  }
}

/** An immutable builder of a ClusterRole: permissions across namespaces, or on cluster-scoped resources. */
export class ClusterRoleBuilder extends RulesBuilder<"ClusterRole"> {
  protected readonly kindName = "ClusterRole";

  /** @internal Use {@link clusterRole}. */
  constructor(props: RoleProps) {
    super(props);
  }

  protected with(p: RoleProps, metadata = p.metadata): this {
    return new ClusterRoleBuilder({ metadata, rules: p.rules, [PATCHES]: p[PATCHES] } satisfies AllKeys<RoleProps>) as this;
  }

  /** Returns a fresh `ClusterRoleManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): ClusterRoleManifest {
    return this.checked((p, problems) => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: emitClusterMetadata(p.metadata, "ClusterRole", rbacName, problems),
      rules: this.emitRules(problems),
    }));
  }
}

/**
 * Starts a Role named `name`; add permissions with `.rule()` or `.allow()`.
 * @example role("config-reader").rule({ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] })
 */
export function role(name: string): RoleBuilder {
  return new RoleBuilder({ metadata: startMetadata(name), rules: [], [PATCHES]: undefined } satisfies AllKeys<RoleProps>);
}

/**
 * Starts a ClusterRole named `name`.
 * @example clusterRole("node-reader").rule({ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] })
 */
export function clusterRole(name: string): ClusterRoleBuilder {
  return new ClusterRoleBuilder({ metadata: startMetadata(name), rules: [], [PATCHES]: undefined } satisfies AllKeys<RoleProps>);
}

/**
 * Piceli's `Role.from_deployable`: a Role allowing `verbs` on the kind of `target`, named `<kind>-full` for every
 * verb, else `<kind>-<sorted verbs joined by "-">` (or, past 30 characters, `<kind>-<their sorted first letters>`).
 * @example roleFor(cronJob("backup", "@daily").image("b"), READ_ONLY_VERBS) // Role "cronjob-get-list-watch"
 */
export function roleFor(target: RuleTarget, verbs: readonly Verb[] = ALL_VERBS): RoleBuilder {
  const { kind } = apiOf(target);
  const lower = kind.toLowerCase();
  const sorted = [...verbs].sort();
  const everything = ALL_VERBS.every((v) => verbs.includes(v)) && verbs.length === ALL_VERBS.length;
  let name = everything ? `${lower}-full` : `${lower}-${sorted.join("-")}`;
  if (name.length > 30) name = `${lower}-${sorted.map((v) => v[0]).join("")}`;
  return role(name).allow(verbs, target);
}

/** The API group and resource plural of a kind: `batch/v1` CronJob -> `{ apiGroups: ["batch"], resources: ["cronjobs"] }`. */
export function resourceOf(target: RuleTarget): { apiGroups: string[]; resources: string[] } {
  const { apiVersion, kind } = apiOf(target);
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  // A custom resource's builder knows its definition's plural, which need not follow English.
  const plural = "plural" in target && typeof target.plural === "string" ? target.plural : pluralOf(kind);
  // no kind (an untyped caller's `{}`): no resource, which build() reports
  return { apiGroups: [group], resources: kind === "" ? [] : [plural] };
}

function apiOf(target: RuleTarget): { apiVersion: string; kind: string } {
  const manifest = "build" in target && typeof target.build === "function" ? target.build() : (target as KubernetesObject);
  return { apiVersion: manifest.apiVersion ?? "", kind: manifest.kind ?? "" };
}

const IRREGULAR: Readonly<Record<string, string>> = { Endpoints: "endpoints", PodMetrics: "pods", NodeMetrics: "nodes" };

/** The resource name of a kind, as the API server lists it: lowercased and pluralized (`NetworkPolicy` -> `networkpolicies`). */
export function pluralOf(kind: string): string {
  if (IRREGULAR[kind]) return IRREGULAR[kind];
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}
