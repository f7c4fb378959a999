/** `plan/misplaced-file`: everything in a module's plans folder follows the layout. */
import { kebabCase } from '../../kebab-case';
import { planInModuleDir, PLAN_SUFFIX, USE_CASE_NAME, useCaseOfCodeDir } from '../../layout';
import { isPlanOfLayout, ModuleLayout } from '../../module-layout';
import type { MessageData } from '../../finding';
import type { ModuleRule } from '../rule';
import { docsOf } from '../rule';

export const misplacedFile: ModuleRule = {
  scope: 'module',
  meta: {
    id: 'plan/misplaced-file',
    severity: 'error',
    description:
      "Every file in a module's plans folder follows the layout `{UseCase}/{UseCase}-plan.md`.",
    tags: ['layout', 'gate'],
    docs: docsOf('plan/misplaced-file'),
    messages: {
      caseTwin:
        "{{folder}} is the module's plans folder in another case; its plans are not verified there. Move them to {{plansDir}}.",
      loose:
        'A file directly in {{plansDir}} is not a plan of the layout, and is not verified; a plan lives at {{plansDir}}/{UseCase}/{UseCase}-plan.md. Move it there, or out of the plans folder.',
      badFolder:
        'The folder {{folder}} is not a use-case name (PascalCase, like {{useCase}}), so its plan is not verified; rename it to {{expected}}.',
      nested:
        'Plans are not nested: move what is in {{folder}} out of the plans folder, or make it {{expected}}.',
      misnamed:
        '{{file}} is misnamed, so it is not verified: the plan of {{useCase}} must be {{expected}}. Rename it.',
      secondMarkdown:
        '{{file}} is a second markdown file beside the plan; nothing verifies it. Put what it says into {{expected}}, or move it out of the plans folder.',
      orphan:
        '{{folder}} holds no plan {{planFile}}, so {{file}} belongs to nothing; add the plan or move the file out of the plans folder.',
    },
  },
  check(layout, report) {
    const { plansDir } = layout;
    for (const twin of layout.caseTwins) {
      const folder = `${plansDir.slice(0, plansDir.lastIndexOf('/') + 1)}${twin}`;
      report(folder, 'caseTwin', { folder, plansDir });
    }
    const useCaseFolders = new Set(
      layout.files.filter(isPlanOfLayout).map((file) => file.split('/')[0]),
    );
    for (const file of layout.files) {
      if (isPlanOfLayout(file)) continue;
      const [folder, name] = file.split('/');
      // Pictures and other material beside a plan belong to it; a second markdown file does not.
      if (name !== undefined && useCaseFolders.has(folder) && !/\.md$/i.test(file)) continue;
      const [messageId, data] = misplaced(layout, file);
      report(`${plansDir}/${file}`, messageId, data);
    }
  },
};

function misplaced(layout: ModuleLayout, file: string): [string, MessageData] {
  const { plansDir } = layout;
  const [folder, name, ...deeper] = file.split('/');
  const path = `${plansDir}/${file}`;
  if (name === undefined) return ['loose', { plansDir }];
  if (!USE_CASE_NAME.test(folder)) {
    const useCase = useCaseOfCodeDir(kebabCase(folder)) || 'BookRoom';
    return [
      'badFolder',
      {
        folder: `${plansDir}/${folder}`,
        useCase,
        expected: `${plansDir}/${planInModuleDir(useCase)}`,
      },
    ];
  }
  const expected = `${plansDir}/${planInModuleDir(folder)}`;
  if (deeper.length > 0) return ['nested', { folder: `${plansDir}/${folder}/${name}`, expected }];
  if (name.toLowerCase().endsWith(PLAN_SUFFIX))
    return ['misnamed', { file: path, useCase: folder, expected }];
  if (/\.md$/i.test(name)) return ['secondMarkdown', { file: path, expected }];
  return [
    'orphan',
    { folder: `${plansDir}/${folder}`, planFile: planInModuleDir(folder), file: name },
  ];
}
