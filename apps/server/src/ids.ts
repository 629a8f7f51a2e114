/** Server-made ids: the one generator is the domain's (shared with the web app). */
export { newId } from "@tsumugi/domain";
