// Service types and their fields: headless, ExternalName, ports or none, selectors.
import { service } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { label, subdomain } from "./values.js";

const EXTERNAL_NAMES = ["db.example.com", "db.example.com.", "db", "DB.example.com", "db_1.example.com", "-db.example.com", "db..example.com", ".", "", "1.2.3.4", subdomain(253), subdomain(254), `${label(64)}.com`, "db.example.com.."];

export const serviceCases: Case[] = [
  ...each("service types", "Service", "spec.type (with a port)", ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName", "clusterip", ""], (t) => service("s").type(untyped(t)).port(80)),
  ...each("service types", "Service", "spec.type (no port)", ["ClusterIP", "NodePort", "LoadBalancer"], (t) => service("s").type(untyped(t))),
  ...each("service types", "Service", "headless, spec.type", ["ClusterIP", "NodePort", "LoadBalancer"], (t) => service("s").type(untyped(t)).headless().port(80)),
  ...each("service types", "Service", "headless without ports", ["none"], () => service("s").headless()),
  ...each("service types", "Service", "spec.externalName", EXTERNAL_NAMES, (n) => service("s").externalName(n)),
  ...each("service types", "Service", "ExternalName with a port", [80], (p) => service("s").externalName("db.example.com").port(p)),
  ...each("service types", "Service", "ExternalName with a selector", [{ app: "web" }], (s) => service("s").externalName("db.example.com").selector(s)),
  ...each("service types", "Service", "ExternalName without externalName", ["ExternalName"], (t) => service("s").type(untyped(t))),
  ...each("service types", "Service", "ExternalName, headless", ["db.example.com"], (n) => service("s").externalName(n).headless()),
];
