/** Vite bundles the stylesheet that main.ts imports for its side effect. */
declare module '*.css';
