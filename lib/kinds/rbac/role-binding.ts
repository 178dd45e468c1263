import type { RbacV1Subject as V1Subject, V1ClusterRoleBinding, V1RoleBinding } from "@kubernetes/client-node";
import { PiceliValidationError, type Problems } from "../../internal/errors.js";
import { emitClusterMetadata, emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type Referenced, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { AllKeys } from "../../internal/types.js";
import { rbacName, type ClusterRoleBuilder, type RoleBuilder } from "./role.js";
import type { ServiceAccountBuilder } from "./service-account.js";
import { anyString, dnsSubdomain, nonEmptyString, oneOf } from "../../validation/rules.js";

/** Who a binding grants to: a ServiceAccount builder, or a user or group by name. */
export type Subject = ServiceAccountBuilder | { readonly kind: "User" | "Group"; readonly name: string } | { readonly kind: "ServiceAccount"; readonly name: string; readonly namespace?: string };

/** A reference to a role by kind and name (for roles not built here, e.g. the built-in ClusterRole `view`). */
export interface RoleRef<Kind extends "Role" | "ClusterRole" = "Role" | "ClusterRole"> {
  readonly kind: Kind;
  readonly name: string;
}

/** A `rbac.authorization.k8s.io/v1` RoleBinding as piceli builds it. */
export type RoleBindingManifest = V1RoleBinding & { apiVersion: "rbac.authorization.k8s.io/v1"; kind: "RoleBinding"; metadata: NamedMetadata };
/** A `rbac.authorization.k8s.io/v1` ClusterRoleBinding as piceli builds it. */
export type ClusterRoleBindingManifest = V1ClusterRoleBinding & { apiVersion: "rbac.authorization.k8s.io/v1"; kind: "ClusterRoleBinding"; metadata: NamedMetadata };

interface BindingProps extends ObjectProps {
  readonly roleRef: RoleRef;
  readonly subjects: readonly V1Subject[];
  /** The role and ServiceAccount builders given, for {@link BindingBuilder.references}. */
  readonly referenced: readonly Referenced[];
}

const ROLE_KIND = oneOf(["Role", "ClusterRole"]);
const CLUSTER_ROLE_KIND = oneOf(["ClusterRole"]);
const SUBJECT_KIND = oneOf(["ServiceAccount", "User", "Group"]);

/** The path of the subject at `index`. */
function subjectAt(index: number): string {
  return `subjects[${index}]`;
}

/** A subject as `subjects` holds it: a ServiceAccount builder's kind, name and namespace; a user or group with its API group. */
function subjectOf(s: Subject): V1Subject {
  if ("build" in s) return s.namespaceName === undefined ? { kind: "ServiceAccount", name: s.name } : { kind: "ServiceAccount", name: s.name, namespace: s.namespaceName };
  return s.kind === "ServiceAccount" ? { ...s } : { ...s, apiGroup: "rbac.authorization.k8s.io" };
}

abstract class BindingBuilder extends ObjectBuilder<BindingProps> {
  /**
   * Adds to `subjects`: a ServiceAccount builder (with its namespace, if it has one), or a user or group.
   * @example roleBinding("backup").role(reader).subject(backupAccount).subject({ kind: "Group", name: "ops" })
   */
  subject(...subjects: Subject[]): this {
    const added = subjects.map(subjectOf);
    let referenced = this.props.referenced;
    // each ServiceAccount builder once
    for (const s of subjects) if ("build" in s && !referenced.includes(s)) referenced = [...referenced, s];
    return this.with({ ...this.props, subjects: [...this.props.subjects, ...added], referenced });
  }

  /** The Role or ClusterRole and the ServiceAccounts given as builders. */
  override get references(): readonly Referenced[] {
    return this.props.referenced;
  }

  protected emitBinding(problems: Problems, clusterWide: boolean): Pick<V1RoleBinding, "subjects" | "roleRef"> {
    const { roleRef, subjects } = this.props;
    problems.check("roleRef.kind", roleRef.kind, clusterWide ? CLUSTER_ROLE_KIND : ROLE_KIND);
    problems.check("roleRef.name", roleRef.name, rbacName);
    const out = {} as Pick<V1RoleBinding, "subjects" | "roleRef">;
    if (subjects.length > 0) {
      out.subjects = subjects.map((s, i) => {
        // the subject's path is written only when a problem is reported
        if (!SUBJECT_KIND.test(s.kind)) problems.check(`${subjectAt(i)}.kind`, s.kind, SUBJECT_KIND);
        const nameRule = s.kind === "ServiceAccount" ? dnsSubdomain : nonEmptyString;
        if (!nameRule.test(s.name)) problems.check(`${subjectAt(i)}.name`, s.name, nameRule);
        if (s.kind === "ServiceAccount") {
          // the API server takes any namespace here (one that can't exist grants nothing)
          if (s.namespace !== undefined) {
            if (typeof s.namespace !== "string") problems.check(`${subjectAt(i)}.namespace`, s.namespace, anyString);
          } else if (clusterWide) problems.add(`${subjectAt(i)}.namespace`, "the ServiceAccount's namespace: a ClusterRoleBinding needs it (call .namespace() on the ServiceAccount)", undefined);
        }
        return { ...s };
      });
    }
    out.roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: roleRef.kind, name: roleRef.name };
    return out;
  }
}

/** An immutable builder of a RoleBinding: grants a Role's (or ClusterRole's) permissions in the binding's namespace. */
export class RoleBindingBuilder extends BindingBuilder {
  protected readonly kindName = "RoleBinding";

  /** @internal Use {@link roleBinding}. */
  constructor(props: BindingProps) {
    super(props);
  }

  protected with(p: BindingProps, metadata = p.metadata): this {
    return new RoleBindingBuilder({
      metadata, roleRef: p.roleRef, subjects: p.subjects, referenced: p.referenced, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<BindingProps>) as this;
  }

  /** Returns a fresh `RoleBindingManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): RoleBindingManifest {
    return this.checked((p, problems) => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: emitMetadata(p.metadata, rbacName, problems),
      ...this.emitBinding(problems, false),
    }));
  }
}

/** An immutable builder of a ClusterRoleBinding: grants a ClusterRole's permissions in every namespace. */
export class ClusterRoleBindingBuilder extends BindingBuilder {
  protected readonly kindName = "ClusterRoleBinding";

  /** @internal Use {@link clusterRoleBinding}. */
  constructor(props: BindingProps) {
    super(props);
  }

  protected with(p: BindingProps, metadata = p.metadata): this {
    return new ClusterRoleBindingBuilder({
      metadata, roleRef: p.roleRef, subjects: p.subjects, referenced: p.referenced, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<BindingProps>) as this;
  }

  /** Returns a fresh `ClusterRoleBindingManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): ClusterRoleBindingManifest {
    return this.checked((p, problems) => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: emitClusterMetadata(p.metadata, "ClusterRoleBinding", rbacName, problems),
      ...this.emitBinding(problems, true),
    }));
  }
}

/** A RoleBinding that has a name but no role yet: call `.role()`. */
export interface UnboundRoleBinding {
  /** Sets `roleRef`: the Role or ClusterRole (builder or `{ kind, name }`) whose permissions are granted. */
  role(role: RoleBuilder | ClusterRoleBuilder | RoleRef): RoleBindingBuilder;
}

/** A ClusterRoleBinding that has a name but no role yet: call `.role()`. */
export interface UnboundClusterRoleBinding {
  /** Sets `roleRef`: the ClusterRole (builder or `{ kind: "ClusterRole", name }`) whose permissions are granted. */
  role(role: ClusterRoleBuilder | RoleRef<"ClusterRole">): ClusterRoleBindingBuilder;
}

/** The `roleRef` of the binding `kind` named `name`. */
function refOf(role: RoleBuilder | ClusterRoleBuilder | RoleRef, kind: string, name: string): RoleRef {
  if (typeof role !== "object" || role === null) {
    throw new PiceliValidationError(`${kind} ${JSON.stringify(name)}`, [{ path: "roleRef", expected: "a role builder or a { kind, name } reference", received: role }]);
  }
  return "build" in role ? { kind: role.roleKind, name: role.name } : { kind: role.kind, name: role.name };
}

/** The role as a referenced builder, when a builder was given. */
function builderOf(role: RoleBuilder | ClusterRoleBuilder | RoleRef): Referenced[] {
  return "build" in role ? [role] : [];
}

/**
 * Starts a RoleBinding named `name`; `.role()` is required next.
 * @example roleBinding("backup-reads-config").role(configReader).subject(backupAccount)
 */
export function roleBinding(name: string): UnboundRoleBinding {
  // a method, not an arrow property: tsx names every arrow it creates, at a cost per call
  return {
    role(role) {
      return new RoleBindingBuilder({ metadata: startMetadata(name), roleRef: refOf(role, "RoleBinding", name), subjects: [], referenced: builderOf(role), [PATCHES]: undefined } satisfies AllKeys<BindingProps>);
    },
  };
}

/**
 * Starts a ClusterRoleBinding named `name`; `.role()` (a ClusterRole) is required next.
 * @example clusterRoleBinding("monitoring-view").role({ kind: "ClusterRole", name: "view" }).subject(prometheusAccount)
 */
export function clusterRoleBinding(name: string): UnboundClusterRoleBinding {
  return {
    role(role) {
      return new ClusterRoleBindingBuilder({ metadata: startMetadata(name), roleRef: refOf(role, "ClusterRoleBinding", name), subjects: [], referenced: builderOf(role), [PATCHES]: undefined } satisfies AllKeys<BindingProps>);
    },
  };
}

/**
 * Piceli's ServiceAccount with roles: one RoleBinding per role granting it to `account`, named
 * `sa-<account>-role-<role>` (or `<account>-<role>` past 63 characters).
 * @example bindingsFor(serviceAccount("test-sa"), [roleFor(backupJob)])
 */
export function bindingsFor(account: ServiceAccountBuilder, roles: readonly (RoleBuilder | ClusterRoleBuilder)[]): RoleBindingBuilder[] {
  return roles.map((r) => {
    const long = `sa-${account.name}-role-${r.name}`;
    const binding = roleBinding(long.length <= 63 ? long : `${account.name}-${r.name}`).role(r).subject(account);
    return account.namespaceName === undefined ? binding : binding.namespace(account.namespaceName);
  });
}
