/** What the run rules say of a cited test: who cites it, and which test. */
import type { CitedTest } from '../../verify-evidence';
import { excerpt } from '../../text';

/** `` `Rate limiting configured` ``, `threat "T9 Request flooding"`, or `this plan`. */
export function citedBy(cited: CitedTest): string {
  return cited.owner?.label ?? 'this plan';
}

/** The data every run finding of a cited test is filled with. */
export function citedData(cited: CitedTest): Record<string, string> {
  return {
    owner: citedBy(cited),
    name: excerpt(cited.link.name, 120),
    file: cited.link.file ?? cited.link.target,
  };
}
