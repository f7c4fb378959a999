/**
 * `BookRoom` → `book-room`: the folder name the feature generator gives a use-case's
 * application code. The same word splitting as generators/feature/lib/names.ts (a test holds
 * the two together); copied rather than imported so the plan model depends on no generator.
 */
export function kebabCase(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[-_ ]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase())
    .join('-');
}
