/** Small helpers on plan text that several rules share, written once. */

/** Code spans: `` `name` ``. */
export const BACKTICKED = /`([^`]+)`/g;

/** Titles compare with runs of white space collapsed: `##  Threat  model` is the same. */
export function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

/** Text from the plan quoted in a message: on one line, and cut to a readable length. */
export function excerpt(text: string, max = 80): string {
  const flat = (text.length > max * 4 ? text.slice(0, max * 4) : text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
