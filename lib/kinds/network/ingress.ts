import type { V1HTTPIngressPath, V1Ingress, V1IngressBackend, V1IngressRule, V1IngressSpec, V1IngressTLS, V1TypedLocalObjectReference } from "@kubernetes/client-node";
import type { Problems, Rule } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { checkFields } from "../../internal/fields.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { dnsLabel, dnsSubdomain, oneOf, pathSegmentName, portName, portNumber } from "../../validation/rules.js";
import type { ServiceBuilder } from "./service.js";

/** A `networking.k8s.io/v1` Ingress as piceli builds it. */
export type IngressManifest = V1Ingress & { apiVersion: "networking.k8s.io/v1"; kind: "Ingress"; metadata: NamedMetadata; spec: V1IngressSpec };

/** How a path matches: exactly, by `/`-separated prefix, or as the Ingress controller decides. */
export type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

/**
 * Where an Ingress sends traffic: a Service builder (its `port`, a number or a port name, must be one of the
 * Service's; it may be left out when the Service has exactly one), a Service named by hand with its port, or
 * another object of the namespace that the Ingress controller serves (`backend.resource`, e.g. a storage bucket).
 */
export type IngressBackendTarget =
  | { readonly service: ServiceBuilder; readonly port?: number | string; readonly resource?: never }
  | { readonly service: string; readonly port: number | string; readonly resource?: never }
  | { readonly resource: IngressResourceBackend; readonly service?: never; readonly port?: never };

/**
 * `backend.resource`: an object of the Ingress's namespace, by `kind` and `name` (URL path segments) and `apiGroup`
 * (a DNS-1123 subdomain; left out for the core group).
 * @example { resource: { apiGroup: "storage.example.com", kind: "Bucket", name: "static-assets" } }
 */
export interface IngressResourceBackend {
  readonly apiGroup?: string;
  readonly kind: string;
  readonly name: string;
}

/** One route of an Ingress: requests for `host` (any host when left out) whose path matches go to the backend. */
export type IngressRoute = IngressBackendTarget & {
  /** `rules[].host`: a DNS name, or a wildcard such as `"*.example.com"`. @default every host */
  readonly host?: string;
  /** `rules[].http.paths[].path`. @default "/" */
  readonly path?: string;
  /** `rules[].http.paths[].pathType`. @default "Prefix" */
  readonly pathType?: PathType;
};

/** A Secret holding a TLS certificate (`tls.crt`, `tls.key`): a Secret builder or its name. */
export type TlsSecret = { readonly name: string } | string;

interface RouteProps {
  readonly host?: string;
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: BackendProps;
}

type BackendProps = ServiceBackendProps | { readonly resource: IngressResourceBackend };

interface ServiceBackendProps {
  readonly service: string;
  /** The Service's declared ports, when a builder was given: the port must be one of them. */
  readonly servicePorts?: readonly { readonly name?: string; readonly port: number }[];
  readonly port?: number | string;
}

interface IngressProps extends ObjectProps {
  readonly ingressClassName?: string;
  readonly defaultBackend?: BackendProps;
  readonly routes: readonly RouteProps[];
  readonly tls: readonly { readonly hosts: readonly string[]; readonly secretName?: string }[];
}

/** An immutable builder of a `networking.k8s.io/v1` Ingress: HTTP(S) routes from outside the cluster to Services. */
export class IngressBuilder extends ObjectBuilder<IngressProps> {
  protected readonly kindName = "Ingress";

  /** @internal Use {@link ingress}. */
  constructor(props: IngressProps) {
    super(props);
  }

  protected with(p: IngressProps, metadata = p.metadata): this {
    return new IngressBuilder({
      metadata, ingressClassName: p.ingressClassName, defaultBackend: p.defaultBackend, routes: p.routes, tls: p.tls, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<IngressProps>) as this;
  }

  /** Sets `spec.ingressClassName`: which Ingress controller serves it (an IngressClass builder or its name). @default the cluster's default IngressClass */
  ingressClassName(ingressClass: { readonly name: string } | string): this {
    return this.with({ ...this.props, ingressClassName: typeof ingressClass === "string" ? ingressClass : ingressClass.name });
  }

  /**
   * Adds a route: `spec.rules[]` for its host (routes of one host share a rule, in the order given), with a path
   * whose `backend.service` is the Service and port (or whose `backend.resource` is the route's `resource`).
   * @example ingress("shop").route({ host: "shop.example.com", path: "/api", service: api, port: "http" })
   */
  route(route: IngressRoute): this {
    const { host, path = "/", pathType = "Prefix" } = route;
    return this.with({ ...this.props, routes: [...this.props.routes, { ...(host !== undefined && { host }), path, pathType, backend: backendOf(route) }] });
  }

  /** Sets `spec.defaultBackend`: where requests no rule matches go. */
  defaultBackend(target: IngressBackendTarget): this {
    return this.with({ ...this.props, defaultBackend: backendOf(target) });
  }

  /**
   * Adds to `spec.tls`: serve `hosts` over HTTPS with the certificate of `secret` (a `kubernetes.io/tls` Secret).
   * @example ingress("shop").tls("shop-tls", "shop.example.com")
   */
  tls(secret: TlsSecret, ...hosts: string[]): this {
    const secretName = typeof secret === "string" ? secret : secret.name;
    return this.with({ ...this.props, tls: [...this.props.tls, { hosts, secretName }] });
  }

  /** Returns a fresh `IngressManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): IngressManifest {
    return this.checked(emitIngress);
  }
}

/**
 * Starts an Ingress named `name` (a DNS-1123 subdomain). Workloads with a `.service()` have a shortcut: `.ingress()`.
 * @example ingress("shop").ingressClassName("nginx").route({ host: "shop.example.com", service: web }).tls("shop-tls", "shop.example.com")
 */
export function ingress(name: string): IngressBuilder {
  return new IngressBuilder({ metadata: startMetadata(name), ingressClassName: undefined, defaultBackend: undefined, routes: [], tls: [], [PATCHES]: undefined } satisfies AllKeys<IngressProps>);
}

function backendOf(target: IngressBackendTarget): BackendProps {
  const { service, port, resource } = target as { service?: unknown; port?: number | string; resource?: IngressResourceBackend };
  // an untyped caller's service or port beside a resource is kept, to be reported
  if (resource !== undefined) return { resource, ...(service !== undefined && { service }), ...(port !== undefined && { port }) } as BackendProps;
  const builder = typeof service === "object" && service !== null && "ports" in service ? service as ServiceBuilder : undefined;
  return {
    service: builder ? builder.name : service as string,
    ...(builder && { servicePorts: builder.ports.map((p) => ({ ...(p.name !== undefined && { name: p.name }), port: p.port })) }),
    ...(port !== undefined && { port }),
  };
}

/** A host: a DNS-1123 subdomain, or one with a leading `*.` label; never an IP address. */
const ingressHost: Rule = {
  expected: 'a DNS name such as "shop.example.com" or a wildcard such as "*.example.com" (not an IP address)',
  test: (v) => typeof v === "string" && dnsSubdomain.test(v.startsWith("*.") ? v.slice(2) : v) && !/^[\d.]+$/.test(v),
};

const PATH_TYPE = oneOf(["Exact", "Prefix", "ImplementationSpecific"] satisfies PathType[]);

function emitIngress(p: IngressProps, problems: Problems): IngressManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  const spec: V1IngressSpec = {};
  if (p.ingressClassName !== undefined) {
    problems.check("spec.ingressClassName", p.ingressClassName, dnsSubdomain);
    spec.ingressClassName = p.ingressClassName;
  }
  if (p.defaultBackend) spec.defaultBackend = emitBackend(p.defaultBackend, "spec.defaultBackend", problems);
  if (p.tls.length > 0) spec.tls = p.tls.map((t, i) => emitTls(t, `spec.tls[${i}]`, problems));
  if (p.routes.length > 0) spec.rules = emitRules(p.routes, problems);
  if (!p.defaultBackend && p.routes.length === 0) problems.add("spec.rules", "at least one route (.route()) or a default backend (.defaultBackend())", []);
  return { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata, spec };
}

function emitTls(tls: IngressProps["tls"][number], path: string, problems: Problems): V1IngressTLS {
  const out: V1IngressTLS = {};
  if (tls.hosts.length > 0) {
    tls.hosts.forEach((host, i) => {
      // the path is written only when it is reported
      if (!ingressHost.test(host)) problems.check(`${path}.hosts[${i}]`, host, ingressHost);
    });
    out.hosts = [...tls.hosts];
  }
  if (tls.secretName !== undefined) {
    problems.check(`${path}.secretName`, tls.secretName, dnsSubdomain);
    out.secretName = tls.secretName;
  }
  return out;
}

/** Groups routes into one rule per host (in order of first appearance), checking each. */
function emitRules(routes: readonly RouteProps[], problems: Problems): V1IngressRule[] {
  const rules = new Map<string | undefined, V1IngressRule>();
  for (const route of routes) {
    let rule = rules.get(route.host);
    if (!rule) {
      const at = `spec.rules[${rules.size}]`;
      rule = route.host === undefined ? { http: { paths: [] } } : { host: route.host, http: { paths: [] } };
      // "" is every host, as no host is
      if (route.host !== undefined && route.host !== "") problems.check(`${at}.host`, route.host, ingressHost);
      rules.set(route.host, rule);
    }
    const paths = rule.http!.paths;
    const at = `spec.rules[${[...rules.keys()].indexOf(route.host)}].http.paths[${paths.length}]`;
    checkPath(route, at, problems);
    const out: V1HTTPIngressPath = { path: route.path, pathType: route.pathType, backend: emitBackend(route.backend, `${at}.backend`, problems) };
    paths.push(out);
  }
  return [...rules.values()];
}

/** Checks a path as the API server does: absolute, and for Exact and Prefix no `//`, `/./`, `/../` or `%2f`, no `/.` or `/..` at the end. */
function checkPath(route: RouteProps, at: string, problems: Problems): void {
  if (!problems.checkField(at, "pathType", route.pathType, PATH_TYPE)) return;
  const { path } = route;
  if (typeof path !== "string" || (!path.startsWith("/") && (route.pathType !== "ImplementationSpecific" || path !== ""))) {
    problems.add(`${at}.path`, 'an absolute path, starting with "/"', path);
    return;
  }
  if (route.pathType === "ImplementationSpecific") return;
  const bad = ["//", "/./", "/../", "%2f", "%2F"].find((sequence) => path.includes(sequence)) ?? ["/..", "/."].find((suffix) => path.endsWith(suffix));
  if (bad !== undefined) problems.add(`${at}.path`, `a path without "//", "/./", "/../" or "%2f" that does not end in "/." or "/.." (it has ${JSON.stringify(bad)})`, path);
}

function emitBackend(backend: BackendProps, path: string, problems: Problems): V1IngressBackend {
  if ("resource" in backend) return { resource: emitResourceBackend(backend, path, problems) };
  checkFields(backend, ["service", "servicePorts", "port"], "an Ingress backend", path, problems);
  problems.check(`${path}.service.name`, backend.service, dnsLabel);
  const ports = backend.servicePorts;
  const port = backend.port ?? (ports?.length === 1 ? ports[0]!.port : undefined);
  const at = `${path}.service.port`;
  if (port === undefined) {
    problems.add(at, ports && ports.length > 1 ? `the port to use: the Service has several (${describePorts(ports)})` : "a port number or name", undefined);
  } else if (typeof port === "string" ? problems.check(`${at}.name`, port, portName) : problems.check(`${at}.number`, port, portNumber)) {
    if (ports && ports.length > 0 && !ports.some((p) => p.port === port || p.name === port)) {
      problems.add(`${at}.${typeof port === "string" ? "name" : "number"}`, `one of the Service's ports (${describePorts(ports)})`, port);
    }
  }
  return { service: { name: backend.service, port: typeof port === "string" ? { name: port } : { number: port! } } };
}

/** Writes `backend.resource`, checked as the API server checks it: `kind` and `name` URL path segments, `apiGroup` a DNS-1123 subdomain. */
function emitResourceBackend(backend: { readonly resource: IngressResourceBackend }, path: string, problems: Problems): V1TypedLocalObjectReference {
  // a backend is a Service or a resource, never both
  checkFields(backend, ["resource"], "a resource backend", path, problems);
  const { resource } = backend;
  const at = `${path}.resource`;
  if (typeof resource !== "object" || resource === null) {
    problems.add(at, "{ apiGroup, kind, name }", resource);
    return { kind: "", name: "" };
  }
  checkFields(resource, ["apiGroup", "kind", "name"], "an Ingress resource backend", at, problems);
  problems.check(`${at}.kind`, resource.kind, pathSegmentName);
  problems.check(`${at}.name`, resource.name, pathSegmentName);
  const out: V1TypedLocalObjectReference = { kind: resource.kind, name: resource.name };
  if (resource.apiGroup !== undefined) {
    problems.check(`${at}.apiGroup`, resource.apiGroup, dnsSubdomain);
    out.apiGroup = resource.apiGroup;
  }
  return out;
}

function describePorts(ports: readonly { readonly name?: string; readonly port: number }[]): string {
  return ports.map((p) => (p.name === undefined ? String(p.port) : `${JSON.stringify(p.name)}: ${p.port}`)).join(", ");
}
