import type { NodeConnectionType } from 'n8n-workflow';

/**
 * n8n's main connection, for a node description's `inputs` and `outputs`. Not
 * `NodeConnectionTypes.Main`: that export exists only from n8n-workflow 1.83 (n8n 1.85), and on an
 * older n8n reading it throws while the node's class is built, so the node never loads ("Unrecognized
 * node type"). The value is the same string in every release; `satisfies` keeps it checked.
 */
export const MAIN_CONNECTION = 'main' satisfies NodeConnectionType;
