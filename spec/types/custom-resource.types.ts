// Compile-only type specs for custom resources, with the code `piceli import` generated from
// spec/kinds/custom/crds/widgets.yaml: each `@ts-expect-error` line must fail to compile, its positive twin compile.
import { roleFor, toYaml, type CustomResourceBuilder } from "../../lib/index.js";
import { gadget, widget, widgetV1alpha1, type Widget, type WidgetKind } from "../kinds/custom/imports/test.piceli.dev.js";

// Required spec fields, and the spec itself when the schema requires it.
widget("w", { image: "nginx" });
// @ts-expect-error image is required
widget("w", { size: 1 });
// @ts-expect-error the spec is required for a Widget
widget("w");
widgetV1alpha1("w");

// Field types: enums, int-or-string, maps, nullable, nested objects, arrays of objects.
widget("w", { image: "nginx", mode: "safe", port: 80, labels: { a: "b" }, note: null, ports: [{ name: "http", port: 80 }] });
widget("w", { image: "nginx", port: "http" });
// @ts-expect-error "slow" is not one of the enum's values
widget("w", { image: "nginx", mode: "slow" });
// @ts-expect-error int-or-string takes no boolean
widget("w", { image: "nginx", port: true });
// @ts-expect-error map values are strings
widget("w", { image: "nginx", labels: { a: 1 } });
// @ts-expect-error only note is nullable
widget("w", { image: null });
// @ts-expect-error a port needs its name
widget("w", { image: "nginx", ports: [{ port: 80 }] });
// @ts-expect-error fields the schema doesn't declare are rejected (the server would drop them)
widget("w", { image: "nginx", colour: "red" });
// Preserved fields take anything.
widget("w", { image: "nginx", settings: { any: [1, "thing"] } });

// .spec() replaces the spec with a whole, typed one; kinds without spec have none.
widget("w", { image: "a" }).spec({ image: "b", size: 2 });
// @ts-expect-error .spec() takes a whole spec
widget("w", { image: "a" }).spec({ size: 2 });
gadget("g").field("data", { a: "b" }).field("colour", "red");
// @ts-expect-error a Gadget has no spec
gadget("g").spec({});
// @ts-expect-error "blue" is not a Gadget colour
gadget("g").field("colour", "blue");
// @ts-expect-error status is a subresource: not set through the builder
widget("w", { image: "a" }).field("status", { ready: true });

// namespace only for namespaced kinds.
widget("w", { image: "a" }).namespace("shop");
// @ts-expect-error a Gadget is cluster-scoped: it has no namespace
gadget("g").namespace("shop");

// The manifest type; the builder works with toYaml and roleFor.
export const built: Widget = widget("w", { image: "a" }).labels({ a: "b" }).build();
export const builder: CustomResourceBuilder<WidgetKind> = widget("w", { image: "a" }).annotations({ a: "b" });
export const kindOfBuilt: "Widget" = built.kind;
export const yaml: string = toYaml(widget("w", { image: "a" }), gadget("g"));
roleFor(gadget("g"), ["get"]);
