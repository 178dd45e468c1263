import { jsonEqual } from "../internal/json-equal.js";

/**
 * A small evaluator for the CEL rules of `x-kubernetes-validations`: enough of CEL for the rules CRDs usually
 * carry, so `build()` can report what the API server would. What it reads: `self`; literals (integers, doubles,
 * strings, `true`, `false`, `null`, lists); `.field` and `[index]`; `has(self.field)`; `size(x)` and `x.size()`;
 * `startsWith`, `endsWith`, `contains`, `matches`; the macros `all`, `exists`, `exists_one`; `!`, `-`, `* / %`,
 * `+ -`, comparisons, `in`, `&&`, `||` and `? :`. Rules it cannot read (other functions, `oldSelf` transition
 * rules, `messageExpression`s) and rules whose evaluation fails (a field that is absent without a `has()` guard)
 * are left to the API server: they are never reported as passing or failing here.
 */

/** `true` or `false` when the rule could be evaluated; `"unevaluated"` when it is left to the API server. */
export type RuleOutcome = boolean | "unevaluated";

type Node =
  | { readonly t: "lit"; readonly v: unknown }
  | { readonly t: "id"; readonly name: string }
  | { readonly t: "list"; readonly items: readonly Node[] }
  | { readonly t: "get"; readonly of: Node; readonly field: string }
  | { readonly t: "index"; readonly of: Node; readonly at: Node }
  | { readonly t: "call"; readonly name: string; readonly target?: Node; readonly args: readonly Node[] }
  | { readonly t: "unary"; readonly op: string; readonly arg: Node }
  | { readonly t: "binary"; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly t: "cond"; readonly test: Node; readonly then: Node; readonly else: Node };

/** Thrown while reading or evaluating a rule this evaluator does not cover. */
class Unsupported extends Error {}

const parsed = new Map<string, Node | undefined>();

/** The rule's syntax tree, or `undefined` when this evaluator cannot read it (cached). */
function parse(rule: string): Node | undefined {
  if (!parsed.has(rule)) {
    let node: Node | undefined;
    try {
      node = new Parser(rule).parseAll();
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      node = undefined;
    }
    parsed.set(rule, node);
  }
  return parsed.get(rule);
}

/** Whether {@link evaluateRule} can read `rule` (it may still fail on a given value, and then leaves it to the server). */
export function canEvaluate(rule: string): boolean {
  return parse(rule) !== undefined;
}

/** Evaluates `rule` with `self` bound to `value`. */
export function evaluateRule(rule: string, value: unknown): RuleOutcome {
  const node = parse(rule);
  if (node === undefined) return "unevaluated";
  try {
    const result = evaluate(node, new Map([["self", value]]));
    return typeof result === "boolean" ? result : "unevaluated";
  } catch (error) {
    if (error instanceof Unsupported) return "unevaluated";
    throw error;
  }
}

/** The functions and macros {@link evaluate} knows; a rule calling any other is left to the API server. */
const FUNCTIONS = new Set(["has", "size", "startsWith", "endsWith", "contains", "matches", "all", "exists", "exists_one"]);

/** The macros that bind a variable: `list.all(x, predicate)`. */
const MACROS = new Set(["all", "exists", "exists_one"]);

const TOKEN = /\s*(?:(\d+\.\d+(?:[eE][+-]?\d+)?|\d+[uU]?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||==|!=|<=|>=|[-+*/%<>!?:.,()[\]]))/y;

class Parser {
  readonly #tokens: string[] = [];
  /** The variables of the macros being read. */
  readonly #bound: string[] = [];
  #at = 0;

  constructor(source: string) {
    TOKEN.lastIndex = 0;
    let end = 0;
    for (let match = TOKEN.exec(source); match !== null; match = TOKEN.exec(source)) {
      this.#tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
      end = TOKEN.lastIndex;
    }
    if (source.slice(end).trim() !== "") throw new Unsupported(`cannot read ${source.slice(end)}`);
  }

  parseAll(): Node {
    const node = this.#conditional();
    if (this.#at !== this.#tokens.length) throw new Unsupported(`unexpected ${this.#tokens[this.#at]}`);
    return node;
  }

  #peek(): string | undefined {
    return this.#tokens[this.#at];
  }

  #take(expected?: string): string {
    const token = this.#tokens[this.#at++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Unsupported(`expected ${expected ?? "more"}`);
    return token;
  }

  #conditional(): Node {
    const test = this.#binary(0);
    if (this.#peek() !== "?") return test;
    this.#take("?");
    const then = this.#conditional();
    this.#take(":");
    return { t: "cond", test, then, else: this.#conditional() };
  }

  static readonly LEVELS: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">=", "in"], ["+", "-"], ["*", "/", "%"]];

  #binary(level: number): Node {
    if (level === Parser.LEVELS.length) return this.#unary();
    let left = this.#binary(level + 1);
    while (Parser.LEVELS[level]!.includes(this.#peek() ?? "")) {
      const op = this.#take();
      left = { t: "binary", op, left, right: this.#binary(level + 1) };
    }
    return left;
  }

  #unary(): Node {
    const token = this.#peek();
    if (token === "!" || token === "-") {
      this.#take();
      return { t: "unary", op: token, arg: this.#unary() };
    }
    return this.#postfix(this.#primary());
  }

  #postfix(node: Node): Node {
    for (;;) {
      if (this.#peek() === ".") {
        this.#take(".");
        const name = this.#take();
        if (this.#peek() === "(") node = { t: "call", name: known(name), target: node, args: MACROS.has(name) ? this.#macroArguments() : this.#arguments() };
        else node = { t: "get", of: node, field: name };
      } else if (this.#peek() === "[") {
        this.#take("[");
        node = { t: "index", of: node, at: this.#conditional() };
        this.#take("]");
      } else {
        return node;
      }
    }
  }

  #arguments(): Node[] {
    this.#take("(");
    const args: Node[] = [];
    while (this.#peek() !== ")") {
      args.push(this.#conditional());
      if (this.#peek() !== ")") this.#take(",");
    }
    this.#take(")");
    return args;
  }

  /** `(variable, predicate)`: the variable is known inside the predicate. */
  #macroArguments(): Node[] {
    this.#take("(");
    const variable = this.#take();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new Unsupported(`${variable} is not a variable name`);
    this.#take(",");
    this.#bound.push(variable);
    const predicate = this.#conditional();
    this.#bound.pop();
    this.#take(")");
    return [{ t: "id", name: variable }, predicate];
  }

  #primary(): Node {
    const token = this.#take();
    if (token === "(") {
      const inner = this.#conditional();
      this.#take(")");
      return inner;
    }
    if (token === "[") {
      const items: Node[] = [];
      while (this.#peek() !== "]") {
        items.push(this.#conditional());
        if (this.#peek() !== "]") this.#take(",");
      }
      this.#take("]");
      return { t: "list", items };
    }
    if (/^\d/.test(token)) return { t: "lit", v: Number(token.replace(/[uU]$/, "")) };
    if (token.startsWith('"') || token.startsWith("'")) return { t: "lit", v: unquote(token) };
    if (token === "true" || token === "false") return { t: "lit", v: token === "true" };
    if (token === "null") return { t: "lit", v: null };
    if (/^[A-Za-z_]/.test(token)) {
      if (this.#peek() === "(") return { t: "call", name: known(token), args: this.#arguments() };
      // oldSelf (transition rules) and variables of other libraries are not evaluated here.
      if (token !== "self" && !this.#bound.includes(token)) throw new Unsupported(`${token} is not evaluated here`);
      return { t: "id", name: token };
    }
    throw new Unsupported(`unexpected ${token}`);
  }
}

function known(name: string): string {
  if (!FUNCTIONS.has(name)) throw new Unsupported(`function ${name}`);
  return name;
}

function unquote(token: string): string {
  const body = token.slice(1, -1);
  if (/\\[^"'\\nt]/.test(body)) throw new Unsupported("escape sequence");
  return body.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

type Scope = ReadonlyMap<string, unknown>;

function evaluate(node: Node, scope: Scope): unknown {
  switch (node.t) {
    case "lit": return node.v;
    case "id": {
      if (!scope.has(node.name)) throw new Unsupported(`unknown ${node.name}`);
      return scope.get(node.name);
    }
    case "list": return node.items.map((item) => evaluate(item, scope));
    case "get": return field(evaluate(node.of, scope), node.field);
    case "index": {
      const of = evaluate(node.of, scope);
      const at = evaluate(node.at, scope);
      if (Array.isArray(of) && Number.isInteger(at) && (at as number) >= 0 && (at as number) < of.length) return of[at as number];
      if (typeof at === "string") return field(of, at);
      throw new Unsupported("index out of range");
    }
    case "call": return call(node, scope);
    case "unary": {
      const arg = evaluate(node.arg, scope);
      if (node.op === "!" && typeof arg === "boolean") return !arg;
      if (node.op === "-" && typeof arg === "number") return -arg;
      throw new Unsupported(`${node.op} on ${typeof arg}`);
    }
    case "binary": return binary(node.op, node.left, node.right, scope);
    case "cond": {
      const test = evaluate(node.test, scope);
      if (typeof test !== "boolean") throw new Unsupported("condition is not a boolean");
      return evaluate(test ? node.then : node.else, scope);
    }
  }
}

function field(of: unknown, name: string): unknown {
  if (typeof of !== "object" || of === null || Array.isArray(of) || !Object.prototype.hasOwnProperty.call(of, name)) {
    throw new Unsupported(`no such key: ${name}`); // the API server reports this itself
  }
  const value = (of as Record<string, unknown>)[name];
  if (value === undefined) throw new Unsupported(`no such key: ${name}`);
  return value;
}

function call(node: Extract<Node, { t: "call" }>, scope: Scope): unknown {
  const { name, target, args } = node;
  const [first, second] = args;
  if (name === "has" && target === undefined && args.length === 1 && first?.t === "get") {
    const of = evaluate(first.of, scope);
    return typeof of === "object" && of !== null && (of as Record<string, unknown>)[first.field] !== undefined;
  }
  if ((name === "all" || name === "exists" || name === "exists_one") && target !== undefined && second !== undefined && args.length === 2 && first?.t === "id") {
    const list = evaluate(target, scope);
    const items = Array.isArray(list) ? list : typeof list === "object" && list !== null ? Object.keys(list) : undefined;
    if (items === undefined) throw new Unsupported(`${name} on ${typeof list}`);
    const variable = first.name;
    const results = items.map((item) => evaluate(second, new Map([...scope, [variable, item]])));
    if (!results.every((r) => typeof r === "boolean")) throw new Unsupported("predicate is not a boolean");
    if (name === "all") return results.every(Boolean);
    if (name === "exists") return results.some(Boolean);
    return results.filter(Boolean).length === 1;
  }
  const receiver = target === undefined ? undefined : evaluate(target, scope);
  const values = args.map((a) => evaluate(a, scope));
  if (name === "size") {
    const of = target === undefined && values.length === 1 ? values[0] : target !== undefined && values.length === 0 ? receiver : undefined;
    if (typeof of === "string") return [...of].length;
    if (Array.isArray(of)) return of.length;
    if (typeof of === "object" && of !== null) return Object.keys(of).length;
    throw new Unsupported("size of this value");
  }
  if (typeof receiver === "string" && values.length === 1 && typeof values[0] === "string") {
    const arg = values[0];
    if (name === "startsWith") return receiver.startsWith(arg);
    if (name === "endsWith") return receiver.endsWith(arg);
    if (name === "contains") return receiver.includes(arg);
    if (name === "matches") return new RegExp(arg).test(receiver);
  }
  throw new Unsupported(`function ${name}`);
}

function binary(op: string, leftNode: Node, rightNode: Node, scope: Scope): unknown {
  if (op === "&&" || op === "||") {
    // CEL's logic is commutative: `false && error` is false, `true || error` is true, whichever side errs.
    const side = (n: Node): boolean | Unsupported => {
      try {
        const v = evaluate(n, scope);
        if (typeof v !== "boolean") return new Unsupported(`${op} on ${typeof v}`);
        return v;
      } catch (error) {
        if (error instanceof Unsupported) return error;
        throw error;
      }
    };
    const left = side(leftNode);
    const right = side(rightNode);
    const decisive = op === "&&" ? false : true;
    if (left === decisive || right === decisive) return decisive;
    if (left instanceof Unsupported) throw left;
    if (right instanceof Unsupported) throw right;
    return !decisive;
  }
  const left = evaluate(leftNode, scope);
  const right = evaluate(rightNode, scope);
  switch (op) {
    case "==": return jsonEqual(left, right);
    case "!=": return !jsonEqual(left, right);
    case "in":
      if (Array.isArray(right)) return right.some((item) => jsonEqual(item, left));
      if (typeof right === "object" && right !== null && typeof left === "string") return Object.prototype.hasOwnProperty.call(right, left);
      throw new Unsupported("in on this value");
    case "<": case "<=": case ">": case ">=": {
      if (!((typeof left === "number" && typeof right === "number") || (typeof left === "string" && typeof right === "string"))) throw new Unsupported(`${op} on these values`);
      return op === "<" ? left < right : op === "<=" ? left <= right : op === ">" ? left > right : left >= right;
    }
    case "+":
      if (typeof left === "number" && typeof right === "number") return left + right;
      if (typeof left === "string" && typeof right === "string") return left + right;
      if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
      throw new Unsupported("+ on these values");
    case "-": case "*": case "/": case "%": {
      if (typeof left !== "number" || typeof right !== "number") throw new Unsupported(`${op} on these values`);
      if ((op === "/" || op === "%") && right === 0) throw new Unsupported("division by zero");
      // Integer division truncates in CEL; the operands' kind (int or double) is not kept here, so only exact cases are answered.
      if (op === "/" && !Number.isInteger(left / right)) throw new Unsupported("inexact division");
      return op === "-" ? left - right : op === "*" ? left * right : op === "/" ? left / right : left % right;
    }
  }
  throw new Unsupported(`operator ${op}`);
}
