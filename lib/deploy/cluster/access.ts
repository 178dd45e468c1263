import { CONCURRENCY, mapBounded } from "../bounded.js";
import { groupOf, type ObjectId } from "../object-id.js";
import type { Cluster } from "./cluster.js";

/** Something to ask the server's authorizer: may this identity `verb` objects like `id` (its kind, in its namespace)? */
export interface AccessQuestion {
  readonly verb: string;
  readonly id: ObjectId;
}

/**
 * Asks the server's authorizer (SelfSubjectAccessReviews: nothing is changed) each question, once per verb, kind and
 * namespace, at most {@link CONCURRENCY} at a time; a kind the server does not serve yet is not asked about. Per
 * question: `undefined` when allowed, else why not, naming the identity, the verb and the resource:
 * `User "system:serviceaccount:shop:deployer" may not delete deployments.apps in the namespace "shop"`.
 */
export async function deniedAccess(cluster: Cluster, questions: readonly AccessQuestion[]): Promise<(string | undefined)[]> {
  const keyOf = ({ verb, id }: AccessQuestion) => `${verb}\u0000${id.apiVersion}\u0000${id.kind}\u0000${id.namespace ?? ""}`;
  const distinct = new Map(questions.map((q) => [keyOf(q), q]));
  let user: Promise<string> | undefined;
  const answers = new Map<string, string | undefined>();
  await mapBounded([...distinct], CONCURRENCY, async ([key, { verb, id }]) => {
    // A kind not served yet (its CustomResourceDefinition comes with the plan) cannot be asked about.
    const resource = (await cluster.discovery.resourceFor(id.apiVersion, id.kind))?.name;
    if (resource === undefined) return void answers.set(key, undefined);
    const answer = await cluster.mayI(verb, { ...id, name: "" });
    if (answer.allowed) return void answers.set(key, undefined);
    const group = groupOf(id.apiVersion);
    answers.set(key, `User ${JSON.stringify(await (user ??= cluster.whoAmI()))} may not ${verb} ${group === "" ? resource : `${resource}.${group}`}${
      id.namespace === undefined ? "" : ` in the namespace ${JSON.stringify(id.namespace)}`}${answer.reason === "" ? "" : ` (${answer.reason})`}`);
  });
  return questions.map((q) => answers.get(keyOf(q)));
}
