/** The scene board: the four scenes side by side, each with its goal, problems and actions. */
import { planVision, SCENES, sceneGoalText, TEXT_MAX, VISION_MAX } from "@tsumugi/domain";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { GoalsTable } from "./GoalsTable";
import { LinkedCharts } from "./LinkedCharts";
import { PapersProfile } from "./PapersProfile";
import { usePlanContext } from "./plan-context";
import { useTable } from "./plan-store";
import { ProgressBar } from "./shown-cells";
import { PrintText } from "./text-cells";

export function SceneBoard() {
  const { doc, store, editable, indicators } = usePlanContext();
  const allProblems = useTable(store, "problems");
  const allActions = useTable(store, "actions");
  return (
    <div className="scene-board" data-testid="scene-board">
      <section className="vision">
        <h2>{t("plan.vision")}</h2>
        <CollabTextInput
          text={planVision(doc)}
          label={t("plan.vision")}
          readOnly={!editable}
          multiline
          testId="plan-vision"
          maxLength={VISION_MAX}
          className="cell-input"
        />
        <PrintText text={planVision(doc)} />
      </section>
      <GoalsTable />
      <div className="scene-columns">
        {SCENES.map((scene) => {
          const problems = allProblems.filter((p) => p.scenes.includes(scene.id));
          const actions = allActions.filter((a) => a.scenes.includes(scene.id));
          // The scene's indicators: linked from its actions, or tagged with the scene in the catalogue.
          const sceneIndicators = [
            ...new Set([
              ...actions.flatMap((a) => a.indicatorIds),
              ...(indicators?.indicators
                .filter((i) => i.scenes.includes(scene.id) && i.type === "O")
                .map((i) => i.id) ?? []),
            ]),
          ];
          return (
            <section key={scene.id} className={`scene scene-${scene.id}`} data-testid={`scene-${scene.id}`}>
              <h2>{t(`scene.${scene.id}` as MessageKey)}</h2>
              <h3>{t("plan.sceneGoal")}</h3>
              <CollabTextInput
                text={sceneGoalText(doc, scene.id)}
                label={`${t(`scene.${scene.id}` as MessageKey)} ${t("plan.sceneGoal")}`}
                readOnly={!editable}
                multiline
                maxLength={TEXT_MAX}
                className="cell-input"
              />
              <PrintText text={sceneGoalText(doc, scene.id)} />
              <h3>{t("plan.problems")}</h3>
              <ul className="board-list" data-testid="scene-problems">
                {problems.map((p) => (
                  <li key={p.id}>
                    {p.title}
                    <span className={`status status-${p.status}`}>
                      {t(`problemStatus.${p.status}` as MessageKey)}
                    </span>
                  </li>
                ))}
              </ul>
              <LinkedCharts indicatorIds={sceneIndicators} testId="scene-linked-charts" />
              <h3>{t("plan.actions")}</h3>
              <ul className="board-list" data-testid="scene-actions">
                {actions.map((a) => (
                  <li key={a.id}>
                    {a.title}
                    <ProgressBar value={a.status === "done" ? 100 : a.progress} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <PapersProfile />
    </div>
  );
}
