// A priority for customer-facing pods, which never evict others to be scheduled.
import { priorityClass, toYaml } from "piceli";

export const critical = priorityClass("customer-facing", 100000)
  .description("Web servers customers talk to: scheduled before batch work")
  .preemptionPolicy("Never");

process.stdout.write(toYaml(critical));
