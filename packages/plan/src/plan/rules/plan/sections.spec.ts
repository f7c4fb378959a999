import { removeLine, removeSection, sectionText, swapSections } from '../../__fixtures__/edit';
import {
  COMPLETE_PLAN,
  findingsOf,
  lineOf,
  replaceOnce,
  verifyVariant,
} from '../../__fixtures__/plans';
import { SECTIONS } from '../../catalog';
import { longestIncreasingRun } from './section-order';

const guidanceOf = (title: string) => SECTIONS.find((section) => section.title === title)?.guidance;

describe('plan/section-missing', () => {
  const rule = (text: string) => findingsOf('plan/section-missing', verifyVariant(text));

  it('reports a removed section where it belongs: at the next section', () => {
    const text = removeSection(COMPLETE_PLAN, 'Privacy and compliance');
    const findings = rule(text);

    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '## Performance and scalability'),
        column: 1,
        messageId: 'missing',
        data: {
          title: 'Privacy and compliance',
          hint: '',
          place: ' after `## Domain event storming`',
          guidance: guidanceOf('Privacy and compliance'),
        },
      }),
    ]);
  });

  it('reports the last section at the end of the plan', () => {
    const text = removeSection(COMPLETE_PLAN, 'Approval');

    expect(rule(text)).toEqual([expect.objectContaining({ line: text.split('\n').length })]);
  });

  it('points out a title written in another case', () => {
    const text = replaceOnce(COMPLETE_PLAN, '## Threat model', '## Threat Model');
    const [finding] = rule(text);

    expect(finding).toMatchObject({
      messageId: 'missing',
      data: {
        title: 'Threat model',
        hint: expect.stringContaining(
          `line ${lineOf(text, '## Threat Model')} has \`## Threat Model\``,
        ),
      },
    });
  });
});

describe('plan/section-duplicate', () => {
  const rule = (text: string) => findingsOf('plan/section-duplicate', verifyVariant(text));

  it('reports a section that appears twice, as an error, at the second copy', () => {
    const text = COMPLETE_PLAN + '\n## Components\n\nMore components here.\n';
    const [finding] = rule(text);

    expect(finding).toMatchObject({
      severity: 'error',
      line: text.split('\n').indexOf('## Components', lineOf(COMPLETE_PLAN, '## Components')) + 1,
      messageId: 'duplicate',
      data: { title: 'Components', firstLine: lineOf(COMPLETE_PLAN, '## Components') },
    });
    expect(findingsOf('plan/section-order', verifyVariant(text))).toEqual([]);
  });

  it('fails the plan whichever copy holds what: an unmitigated threat in a second threat model', () => {
    const text =
      COMPLETE_PLAN +
      '\n## Threat model\n\n| Threat | Asset | Mitigation |\n| --- | --- | --- |\n| Token replay | Accounts | |\n';

    expect(rule(text)).toHaveLength(1);
    expect(verifyVariant(text).some((finding) => finding.severity === 'error')).toBe(true);
  });
});

describe('plan/section-substance', () => {
  const rule = (text: string) => findingsOf('plan/section-substance', verifyVariant(text));
  const privacy = sectionText(COMPLETE_PLAN, 'Privacy and compliance');

  it.each(['.', '- .\n- .', 'N/A', 'n/a, tbd.', 'Ok.', '| . |\n| - |\n| . |'])(
    'reports a section that holds only %j',
    (content) => {
      const text = replaceOnce(
        COMPLETE_PLAN,
        privacy,
        `## Privacy and compliance\n\n${content}\n\n`,
      );

      expect(rule(text)).toEqual([
        expect.objectContaining({
          severity: 'error',
          line: lineOf(text, '## Privacy and compliance'),
          column: 1,
        }),
      ]);
    },
  );

  it('does not count headings and comments as words', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      privacy,
      '## Privacy and compliance\n\n<!-- The personal data involved and why. -->\n\n### Personal data kept\n\n.\n\n',
    );

    expect(rule(text)).toHaveLength(1);
  });

  it('accepts three words', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      privacy,
      '## Privacy and compliance\n\nNo personal data.\n\n',
    );

    expect(rule(text)).toEqual([]);
  });
});

describe('plan/section-order', () => {
  const rule = (text: string) => findingsOf('plan/section-order', verifyVariant(text));

  it('reports one of two swapped sections, as a warning, with where it belongs', () => {
    const text = swapSections(COMPLETE_PLAN, 'Domain model', 'Application layer');
    const findings = rule(text);

    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('warning');
    expect([lineOf(text, '## Domain model'), lineOf(text, '## Application layer')]).toContain(
      findings[0].line,
    );
    expect(findings[0]).toMatchObject({
      messageId: 'outOfOrder',
      data: { place: expect.stringMatching(/^(after|before) `## /) },
    });
    // Nothing is missing: the section is there, only elsewhere.
    expect(findingsOf('plan/section-missing', verifyVariant(text))).toEqual([]);
  });

  it('accepts sections the catalog does not know, anywhere', () => {
    expect(
      rule(
        replaceOnce(COMPLETE_PLAN, '## Components', '## Open questions\n\nNone.\n\n## Components'),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      [0, 1, 2, 3],
      [0, 1, 2, 3],
    ],
    [
      [0, 2, 1, 3],
      [0, 1, 3],
    ],
    [
      [3, 0, 1, 2],
      [1, 2, 3],
    ],
    [[], []],
  ])('keeps the longest run in order of %j', (values, kept) => {
    expect([...longestIncreasingRun(values)].sort()).toEqual(kept);
  });
});

describe('plan/section-empty', () => {
  const rule = (text: string) => findingsOf('plan/section-empty', verifyVariant(text));

  it('reports a section with nothing besides its heading', () => {
    const steps = sectionText(COMPLETE_PLAN, 'Implementation steps');
    const text = replaceOnce(COMPLETE_PLAN, steps, '## Implementation steps\n\n<!-- later -->\n\n');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, '## Implementation steps'),
        column: 1,
        messageId: 'empty',
        data: { title: 'Implementation steps', guidance: guidanceOf('Implementation steps') },
      }),
    ]);
  });

  it('reports a section with only sub-headings', () => {
    const infrastructure = sectionText(COMPLETE_PLAN, 'Infrastructure and monitoring');
    const headingsOnly = infrastructure
      .split('\n')
      .filter((line) => line.startsWith('#') || line === '')
      .join('\n');

    expect(rule(replaceOnce(COMPLETE_PLAN, infrastructure, headingsOnly))).toHaveLength(1);
  });

  it('counts a checklist of unticked items as content', () => {
    const checklist = sectionText(COMPLETE_PLAN, 'Implementation checklist');
    const itemsOnly = removeLine(
      checklist,
      'Tick an item when it is done; mark one that does not apply "N/A: reason".',
    );
    const text = replaceOnce(COMPLETE_PLAN, checklist, itemsOnly);

    expect(rule(text)).toEqual([]);
  });
});
