// RBAC rules, subjects and role references.
import { clusterRole, clusterRoleBinding, role, roleBinding, serviceAccount } from "../../../lib/index.js";
import type { PolicyRule } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";

const RULES: unknown[] = [
  { apiGroups: [""], resources: ["pods"], verbs: ["get"] }, { apiGroups: [""], resources: ["pods"], verbs: [] }, { apiGroups: [""], resources: ["pods"], verbs: [""] },
  { apiGroups: [""], resources: ["pods"], verbs: ["*"] }, { apiGroups: [""], resources: ["pods"], verbs: ["frobnicate"] }, { resources: ["pods"], verbs: ["get"] },
  { apiGroups: [], resources: ["pods"], verbs: ["get"] }, { apiGroups: [""], verbs: ["get"] }, { apiGroups: [""], resources: [], verbs: ["get"] },
  { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }, { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] }, { apiGroups: [""], resources: ["pods"], resourceNames: ["a"], verbs: ["get"] },
  { nonResourceURLs: ["/healthz"], verbs: ["get"] }, { nonResourceURLs: ["/healthz/*"], verbs: ["get"] }, { nonResourceURLs: ["healthz"], verbs: ["get"] },
  { nonResourceURLs: ["/healthz"], resources: ["pods"], apiGroups: [""], verbs: ["get"] }, { nonResourceURLs: ["/healthz"], apiGroups: [""], verbs: ["get"] },
  { verbs: ["get"] },
];
const SUBJECTS: unknown[] = [
  { kind: "User", name: "jane" }, { kind: "User", name: "" }, { kind: "User", name: "Jane Doe" }, { kind: "User", name: "system:admin" }, { kind: "Group", name: "devs" },
  { kind: "Group", name: "" }, { kind: "ServiceAccount", name: "sa" }, { kind: "ServiceAccount", name: "sa", namespace: "other" }, { kind: "ServiceAccount", name: "SA", namespace: "x" },
  { kind: "ServiceAccount", name: "a.b", namespace: "x" }, { kind: "ServiceAccount", name: "sa", namespace: "X" }, { kind: "ServiceAccount", name: "", namespace: "x" },
  { kind: "user", name: "jane" }, { kind: "Robot", name: "r2" },
];
const ROLE_REFS: unknown[] = [
  { kind: "ClusterRole", name: "view" }, { kind: "Role", name: "reader" }, { kind: "ClusterRole", name: "system:auth-delegator" }, { kind: "ClusterRole", name: "" },
  { kind: "ClusterRole", name: "a/b" }, { kind: "ClusterRole", name: "a%b" }, { kind: "ClusterRole", name: ".." }, { kind: "clusterrole", name: "view" },
];

export const rbacCases: Case[] = [
  ...each("rbac rules", "Role", "rules[]", RULES, (r) => role("r").rule(untyped<PolicyRule>(r))),
  ...each("rbac rules", "ClusterRole", "rules[]", RULES, (r) => clusterRole("r").rule(untyped<PolicyRule>(r))),
  ...each("rbac rules", "Role", "no rules", [[]], () => role("r")),
  ...each("rbac subjects", "RoleBinding", "subjects[]", SUBJECTS, (s) => roleBinding("b").role({ kind: "ClusterRole", name: "view" }).subject(untyped(s))),
  ...each("rbac subjects", "ClusterRoleBinding", "subjects[]", SUBJECTS, (s) => clusterRoleBinding("b").role({ kind: "ClusterRole", name: "view" }).subject(untyped(s))),
  ...each("rbac subjects", "RoleBinding", "subject from serviceAccount()", ["sa", "sa in x"], (s) =>
    roleBinding("b").role({ kind: "ClusterRole", name: "view" }).subject(s === "sa" ? serviceAccount("sa") : serviceAccount("sa").namespace("x"))),
  ...each("rbac subjects", "RoleBinding", "no subjects", [[]], () => roleBinding("b").role({ kind: "ClusterRole", name: "view" })),
  ...each("rbac role refs", "RoleBinding", "roleRef", ROLE_REFS, (r) => roleBinding("b").role(untyped(r)).subject({ kind: "User", name: "jane" })),
  ...each("rbac role refs", "ClusterRoleBinding", "roleRef", ROLE_REFS, (r) => clusterRoleBinding("b").role(untyped(r)).subject({ kind: "User", name: "jane" })),
];
