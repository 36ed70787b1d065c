// Moved to src/api/merge.ts (the API server applies patches; kubectl computes them).
export * from '../api/merge';
