// The plugin ships types its package.json "exports" does not expose to TypeScript.
declare module '@web/rollup-plugin-import-meta-assets' {
  export function importMetaAssets(options?: { include?: string[]; exclude?: string[] }): import('rollup').Plugin;
}
