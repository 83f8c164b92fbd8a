// Enforces the layering table of ARCHITECTURE.md §2: which folder may import which.
//
// Specifiers are resolved textually against the importing file (imports are extensionless and
// the tsconfig has no path aliases), so the rule needs no module resolver and also sees imports
// of files that do not exist yet. Type-only imports count too: a type import still couples the
// layers, and it is one keystroke away from a value import.
import { isBuiltin } from 'node:module';
import path from 'node:path';

const SECTION = '(ARCHITECTURE.md §2)';
const TRANSPORTS = new Set(['app', 'web', 'cli']);
const DEFAULT_RENDERER_PACKAGES = ['react', 'react-dom', '@tanstack/*', 'recharts'];

// Files under renderer/ that run in Node at build time, not in the page.
const RENDERER_BUILD_FILES = /^renderer\/vite\.config\.[cm]?[jt]s$/;

/**
 * Which layer a repository-relative posix path belongs to, or null when it is in none.
 * `main/x` names the folder main/x/ when it is an import target (its index), but is a file
 * directly in main/ when it is the importing file: such a file belongs to no layer.
 */
function layerOf(relPath, { isImporter = false } = {}) {
  const parts = relPath.split('/');
  const [top, second] = parts;
  if (top === 'contract') return { kind: 'contract', label: 'contract/' };
  if (top === 'preload') return { kind: 'preload', label: 'preload/' };
  if (top === 'renderer') {
    return RENDERER_BUILD_FILES.test(relPath) ? null : { kind: 'renderer', label: 'renderer/' };
  }
  if (top !== 'main' || second === undefined || (isImporter && parts.length < 3)) return null;
  const label = `main/${second}/`;
  if (second === 'store') return { kind: 'store', name: second, label };
  if (second === 'api') return { kind: 'api', name: second, label };
  if (TRANSPORTS.has(second)) return { kind: 'transport', name: second, label };
  return { kind: 'domain', name: second, label };
}

function stripExtension(p) {
  return p.replace(/\.(?:[cm]?[jt]sx?|d\.ts)$/, '');
}

/** main/<domain> and main/<domain>/index are a domain's public face; anything deeper is internal. */
function isDomainIndex(relPath, domain) {
  const p = stripExtension(relPath.replace(/\/+$/, ''));
  return p === `main/${domain}` || p === `main/${domain}/index`;
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function matchesPackage(name, patterns) {
  return patterns.some((pattern) =>
    pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
  );
}

/** What an import specifier points at, seen from `fromRel` (repository-relative, posix). */
function classifyTarget(spec, fromRel) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const joined = spec.startsWith('/')
      ? spec
      : path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
    if (joined.startsWith('../') || joined === '..' || joined.startsWith('/')) {
      return { kind: 'outside', display: spec };
    }
    const rel = joined.replace(/\/+$/, '');
    return { kind: 'ours', rel, layer: layerOf(rel), display: rel };
  }
  if (isBuiltin(spec)) {
    return { kind: 'builtin', display: spec.startsWith('node:') ? spec : `${spec} (a Node built-in)` };
  }
  const name = packageName(spec);
  return { kind: 'package', name, display: spec };
}

const ALLOWED = {
  contract: () => 'contract/ is platform-free and may import contract/ and zod only',
  domain: (from) =>
    `${from.label} may import contract/, main/store/, its own folder, other domains through their ` +
    'index only (main/<domain>), Node built-ins and packages other than electron',
  store: () =>
    'main/store/ may import contract/, main/store/, Node built-ins and packages other than electron',
  api: () =>
    'main/api/ may import contract/, main/api/, domains through their index only (main/<domain>), ' +
    'Node built-ins and packages other than electron',
  transport: (from) =>
    `${from.label} may import contract/, main/api/, the transports (main/web/, main/cli/` +
    `${from.name === 'app' ? ', main/app/' : ''}), Node built-ins and packages` +
    (from.name === 'app' ? '' : ' other than electron (only main/app/ runs in Electron)'),
  preload: () => 'preload may import contract/, preload/ and electron only',
  renderer: (from, options) =>
    `renderer may import contract/ and UI libraries (${options.rendererPackages.join(', ')}) only`,
};

/**
 * Why importing `target` from layer `from` is forbidden, or null when it is allowed.
 * A specific reason is returned where a generic "may import X" would not tell the fix.
 */
function violation(from, target, options) {
  const allowed = ALLOWED[from.kind](from, options);
  if (target.kind === 'outside') return allowed;
  if (target.kind === 'builtin') {
    return ['contract', 'preload', 'renderer'].includes(from.kind) ? allowed : null;
  }
  if (target.kind === 'package') {
    switch (from.kind) {
      case 'contract':
        return target.name === 'zod' ? null : allowed;
      case 'preload':
        return target.name === 'electron' ? null : allowed;
      case 'renderer':
        return matchesPackage(target.name, options.rendererPackages) ? null : allowed;
      case 'transport':
        return target.name === 'electron' && from.name !== 'app' ? allowed : null;
      default:
        return target.name === 'electron' ? allowed : null;
    }
  }

  const to = target.layer;
  if (to === null) return allowed;
  switch (from.kind) {
    case 'contract':
    case 'preload':
    case 'renderer':
      return to.kind === from.kind || to.kind === 'contract' ? null : allowed;
    case 'store':
      return to.kind === 'store' || to.kind === 'contract' ? null : allowed;
    case 'domain':
      if (to.kind === 'contract' || to.kind === 'store') return null;
      if (to.kind === 'domain') {
        if (to.name === from.name || isDomainIndex(target.rel, to.name)) return null;
        return `another domain is reached through its index only (import main/${to.name}, not its internals); ${allowed}`;
      }
      return allowed;
    case 'api':
      if (to.kind === 'contract' || to.kind === 'api') return null;
      if (to.kind === 'domain') {
        if (isDomainIndex(target.rel, to.name)) return null;
        return `a domain is reached through its index only (import main/${to.name}, not its internals); ${allowed}`;
      }
      return allowed;
    case 'transport':
      if (to.kind === 'contract' || to.kind === 'api') return null;
      // The transports may share code, but main/app/ pulls in Electron, which the Node-only
      // hosts (browser mode, CLI) must not load.
      if (to.kind === 'transport') return to.name !== 'app' || from.name === 'app' ? null : allowed;
      return allowed;
    default:
      return null;
  }
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

/** The importing file relative to the deepest configured root that contains it. */
function relativeToRoot(filename, roots) {
  let best = null;
  for (const root of roots) {
    const rel = path.relative(root, filename);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (best === null || root.length > best.root.length) best = { root, rel: toPosix(rel) };
  }
  return best?.rel ?? null;
}

/** The string value of a specifier node, or null when it is computed at run time. */
function literalValue(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  // `import('x')` in a type position wraps the string in a TSLiteralType.
  if (node.type === 'TSLiteralType') return literalValue(node.literal);
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce the folder layering of ARCHITECTURE.md §2 (who may import whom).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          roots: { type: 'array', items: { type: 'string' } },
          rendererPackages: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: '{{from}} may not import {{target}}: {{reason}} ' + SECTION,
    },
  },

  create(context) {
    const config = context.options[0] ?? {};
    const options = {
      roots: (config.roots ?? [context.cwd]).map((r) => path.resolve(context.cwd, r)),
      rendererPackages: config.rendererPackages ?? DEFAULT_RENDERER_PACKAGES,
    };
    const fromRel = relativeToRoot(context.filename, options.roots);
    const from = fromRel === null ? null : layerOf(fromRel, { isImporter: true });
    if (from === null) return {};

    function check(sourceNode) {
      const spec = literalValue(sourceNode);
      if (spec === null) return;
      const target = classifyTarget(spec, fromRel);
      const reason = violation(from, target, options);
      if (reason === null) return;
      context.report({
        node: sourceNode,
        messageId: 'forbidden',
        data: { from: from.label, target: target.display, reason },
      });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(node.arguments[0]);
        }
      },
      TSExternalModuleReference: (node) => check(node.expression),
      TSImportType: (node) => check(node.source ?? node.argument),
    };
  },
};

export default rule;
