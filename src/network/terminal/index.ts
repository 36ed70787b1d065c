// A container's terminal (line discipline + line editor), independent of process.stdin: kubectl's
// interactive verbs, the API server's exec/attach streams and node shells all use it.
export { startTerminal } from './session';
export type { TerminalIO, TerminalSession, TerminalOptions } from './session';
export { LineEditor, columnize, visibleWidth } from './editor';
export type { EditorHost, EditorStyle, EditResult } from './editor';
