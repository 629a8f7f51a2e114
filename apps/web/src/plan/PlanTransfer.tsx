/** Export and import buttons above the plan views (filled in by the Excel module). */
import type { PlanView } from "./PlanPage";

export function PlanTransfer(_props: { view: PlanView }) {
  return null;
}
