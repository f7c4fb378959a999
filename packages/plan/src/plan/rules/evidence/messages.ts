/** What the evidence rules say of a link and of the test it cites, written once. */
import type { EvidenceLink } from '../../evidence';
import { excerpt } from '../../text';
import type { TestCase } from '../../typescript';

/** `[Limiter › refuses](…/limiter.spec.ts)`, cut to a readable length. */
export function linkRef(link: EvidenceLink): string {
  return `[${excerpt(link.text, 70)}](${excerpt(link.target, 70)})`;
}

/** `path/to/file.spec.ts:12`: where the cited test is. */
export function testRef(file: string, test: TestCase): string {
  return `${file}:${test.line}`;
}
