import { COMPLETE_PLAN, GENERATED_PLAN, PLAN_FILE } from '../__fixtures__/plans';
import { parsePlan } from '../parse-plan';
import { hasWords } from '../substance';
import { sectionBody, sectionHasWords } from './rule';

describe('sectionHasWords', () => {
  /** Variants with comments that open and close across lines and headings, or never close. */
  const variants = (plan: string): string[] => {
    const lines = plan.split('\n');
    const out: string[] = [plan];
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 60; i++) {
      const copy = [...lines];
      for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) {
        const at = 1 + Math.floor(random() * (copy.length - 1));
        const piece = ['<!--', '-->', '<!-- a -->', 'n/a ok', 'word', '### h', '', 'TBD.'][
          Math.floor(random() * 8)
        ];
        if (random() < 0.5) copy.splice(at, 0, piece);
        else copy[at] = `${copy[at]}${piece}`;
        if (random() < 0.3) copy.splice(at, Math.floor(random() * 20));
      }
      out.push(copy.join('\n'));
    }
    return out;
  };

  it.each([1, 3, 10])(
    'is hasWords of the section body, for every section of many plans (%i words)',
    (minimum) => {
      let sections = 0;
      for (const text of [...variants(COMPLETE_PLAN), ...variants(GENERATED_PLAN)]) {
        const plan = parsePlan(text, PLAN_FILE);
        for (const section of plan.sections) {
          sections++;
          expect({ section: section.title, has: sectionHasWords(plan, section, minimum) }).toEqual({
            section: section.title,
            has: hasWords(sectionBody(plan, section), minimum),
          });
        }
      }
      expect(sections).toBeGreaterThan(1000);
    },
  );
});
