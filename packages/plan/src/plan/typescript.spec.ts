/**
 * The one loader of TypeScript's API: the plugin's own pinned copy, and a clear error where a
 * TypeScript without a JavaScript API (7.x, the native compiler) is all that resolves.
 */
describe('typescript()', () => {
  afterEach(() => {
    jest.resetModules();
    jest.dontMock('typescript');
  });

  it("loads the plugin's own TypeScript, 5.9, with the API the rules use", () => {
    const { typescript } = jest.requireActual<typeof import('./typescript')>('./typescript');
    const ts = typescript();
    expect(ts.version).toMatch(/^5\.9\./);
    expect(typeof ts.createSourceFile).toBe('function');
    expect(typeof ts.createScanner).toBe('function');
    // Loaded once.
    expect(typescript()).toBe(ts);
  });

  it('refuses a TypeScript without a JavaScript API (7.x) with a message that says what to do', () => {
    jest.doMock('typescript', () => ({ version: '7.0.2' }));
    jest.isolateModules(() => {
      const { typescript } = jest.requireActual<typeof import('./typescript')>('./typescript');
      expect(() => typescript()).toThrow(
        /needs TypeScript's JavaScript API .* typescript 7\.0\.2 it loaded has none\. Reinstall @mjomeet\/plan/,
      );
    });
  });
});
