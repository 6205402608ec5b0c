// esbuild bundles the stylesheet a module imports into the entry's CSS file.
declare module '*.css';
