/** The plan papers' 組織図: the program, its committee and groups, the secretariat and the member bodies. */

import { cityOf, Lines } from "./PaperParts";
import { usePlanContext } from "./plan-context";

export function PaperOrgChart({ program }: { program: string }) {
  const ctx = usePlanContext();
  const profile = ctx.store.yearPlan().profile;
  // The secretariat's group is drawn beside the committee, not in it.
  const groups = ctx.groups.filter((g) => g.kind !== "secretariat");
  const ids = new Set(groups.map((g) => g.id));
  const children = (parent: string | null) =>
    groups.filter((g) =>
      parent === null ? g.parentId === null || !ids.has(g.parentId ?? "") : g.parentId === parent,
    );
  const plenary = groups.find((g) => g.kind === "plenary" || g.name.includes("全体会"));
  const tree = (parent: string | null, seen: Set<string>): React.ReactNode => {
    const list = children(parent).filter((g) => !seen.has(g.id));
    if (list.length === 0) return null;
    return (
      <ul className="org-tree">
        {list.map((g) => {
          seen.add(g.id);
          return (
            <li key={g.id}>
              <div className="org-box">
                <strong>{g.name}</strong>
                {g.id === plenary?.id && profile.plenaryRole && <p>{profile.plenaryRole}</p>}
              </div>
              {tree(g.id, seen)}
            </li>
          );
        })}
      </ul>
    );
  };
  const bodies = profile.bodies
    .split("\n")
    .map((b) => b.replace(/^[・\s]+/, "").trim())
    .filter(Boolean);
  return (
    <div className="paper-org">
      <div className="org-main">
        <div className="org-box">
          <strong>{program}</strong>
        </div>
        <ul className="org-tree">
          <li>
            <div className="org-box">
              <strong>
                {profile.committeeName.trim() || `${cityOf(ctx.municipality)}在宅医療介護連携会議`}
              </strong>
              {profile.committeeRole && <p>{profile.committeeRole}</p>}
            </div>
            {!plenary && profile.plenaryRole ? (
              <ul className="org-tree">
                <li>
                  <div className="org-box">
                    <strong>全体会</strong>
                    <p>{profile.plenaryRole}</p>
                  </div>
                  {tree(null, new Set())}
                </li>
              </ul>
            ) : (
              tree(null, new Set())
            )}
          </li>
        </ul>
      </div>
      <div className="org-side">
        <div className="org-box">
          <strong>事務局</strong>
          <p>{profile.department.trim() || ctx.municipality}</p>
        </div>
        {bodies.length > 0 && (
          <div className="org-box">
            <strong>構成団体（職能団体）</strong>
            <Lines values={bodies} />
          </div>
        )}
      </div>
    </div>
  );
}
