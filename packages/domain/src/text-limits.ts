/**
 * Length limits of texts typed into plans and meetings. A module of their own, free of Yjs:
 * the forms that only need a limit (a meeting's title on the home page) must not pull the
 * collaborative document code in with it. plan-schema.ts and meeting-doc.ts re-export them.
 */
export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;
/** A person in charge named without an account (取組の担当者). */
export const OWNER_NAME_MAX = 100;
/** A goal's code as plan rows cite it ("1-③"). */
export const GOAL_CODE_MAX = 20;

/** A meeting's title and place (the meeting's details, checked by the server). */
export const MEETING_TITLE_MAX = TITLE_MAX;
export const MEETING_PLACE_MAX = TITLE_MAX;
/** An agenda item's presenter (a name or a group). */
export const PRESENTER_MAX = 100;
