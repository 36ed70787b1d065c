// Text files bundled by esbuild (state/*.sql, templates/*).
declare module '*.sql' { const text: string; export default text; }
declare module '*.yaml' { const text: string; export default text; }
declare module '*.html' { const text: string; export default text; }
declare module '*.txt' { const text: string; export default text; }
