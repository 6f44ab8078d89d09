import type pg from 'pg';

/**
 * A database's schema read from its catalog, for comparing two databases built different
 * ways (the migrations, the readable schema files). One entry per object, keyed by what it
 * is (`table public.bookings`, `function public.create_booking(...)`), its value the
 * object's whole definition as text: columns, constraints, indexes, triggers, policies,
 * row level security, grants and comments of a table; pg_get_functiondef, owner, grants
 * and comment of a function; and so on. Nothing is looked up by a list of known names:
 * every object in every schema the app owns is read, so an object only one side has shows.
 *
 * Left out: the `pg_*` and `information_schema` schemas, `supabase_migrations` (the
 * history the migration runner or the Supabase CLI keeps, not the app's schema), objects
 * that belong to an extension (the extension itself is compared), roles (they live in the
 * cluster, shared by both databases) and per-database settings (ALTER DATABASE ... SET, which
 * a database cloned from a template does not inherit).
 */
export type Catalog = Map<string, string>;

type Queryable = Pick<pg.ClientBase, 'query'>;

const appSchema = (column: string) =>
  `(${column} !~ '^pg_' and ${column} not in ('information_schema', 'supabase_migrations'))`;

const notInExtension = (catalog: string, oid: string) =>
  `not exists (select 1 from pg_depend d where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`;

/**
 * An ACL as sorted lines, one per grantee (`anon: SELECT, UPDATE`), the object's owner written
 * `<owner>`, and a null ACL spelled out as the default it stands for (`kind` is acldefault's
 * object kind as SQL; null: no default, an empty list), so that equal rights compare equal
 * whatever order they were granted in.
 */
const acl = (value: string, kind: string | null, owner: string) => `(
  select coalesce(string_agg(item, E'\\n' order by item), 'none')
  from (
    select case when a.grantee = 0 then 'PUBLIC' when a.grantee = ${owner} then '<owner>' else pg_get_userbyid(a.grantee) end
           || ': ' || string_agg(a.privilege_type, ', ' order by a.privilege_type)
           || case when a.is_grantable then ' (grantable)' else '' end
           || case when a.grantor = ${owner} then '' else ' granted by ' || pg_get_userbyid(a.grantor) end as item
    from aclexplode(coalesce(${value}, ${kind === null ? `'{}'::aclitem[]` : `acldefault(${kind}, ${owner})`})) a
    group by a.grantee, a.grantor, a.is_grantable
  ) items
)`;

const relationKinds: Record<string, string> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  S: 'sequence',
  f: 'foreign table',
};

export async function readCatalog(db: Queryable): Promise<Catalog> {
  const catalog: Catalog = new Map();
  const rows = async (text: string) => (await db.query<Record<string, string>>(text)).rows;
  const lines = new Map<string, string[]>();
  const add = (key: string, line: string) => {
    const list = lines.get(key) ?? [];
    list.push(line);
    lines.set(key, list);
  };
  const addAccess = (key: string, items: string, prefix = 'access') => {
    for (const item of items.split('\n')) add(key, `${prefix} ${item}`);
  };

  for (const row of await rows(`
    select n.nspname as name, pg_get_userbyid(n.nspowner) as owner, ${acl('n.nspacl', `'n'`, 'n.nspowner')} as acl,
           obj_description(n.oid, 'pg_namespace') as comment
    from pg_namespace n where ${appSchema('n.nspname')}`)) {
    add(`schema ${row.name}`, `owner ${row.owner}`);
    addAccess(`schema ${row.name}`, row.acl!);
    if (row.comment !== null) add(`schema ${row.name}`, `comment ${row.comment}`);
  }

  for (const row of await rows(`
    select e.extname as name, n.nspname as schema, e.extversion as version
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace`)) {
    add(`extension ${row.name}`, `schema ${row.schema}, version ${row.version}`);
  }

  // Relations: tables, views, sequences. The key names the kind, so a table that became a
  // view shows as one removed and one added.
  const relations = `
    select c.oid, c.relkind, n.nspname || '.' || c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${appSchema('n.nspname')} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and ${notInExtension('pg_class', 'c.oid')}`;
  const relationKey = (row: Record<string, string>) => `${relationKinds[row.relkind!]} ${row.name}`;

  for (const row of await rows(`
    select r.relkind, r.name, pg_get_userbyid(c.relowner) as owner,
           case c.relpersistence when 'u' then 'unlogged' when 't' then 'temporary' else 'logged' end as persistence,
           c.relrowsecurity as rls, c.relforcerowsecurity as force_rls, c.relreplident::text as replica_identity,
           array_to_string(c.reloptions, ', ') as options,
           ${acl('c.relacl', `case when c.relkind = 'S' then 's'::"char" else 'r'::"char" end`, 'c.relowner')} as acl,
           obj_description(c.oid, 'pg_class') as comment,
           case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end as definition,
           (select string_agg(pn.nspname || '.' || pc.relname, ', ' order by i.inhseqno)
              from pg_inherits i join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
              where i.inhrelid = c.oid) as inherits,
           case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as partition_bound,
           case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partition_key
    from (${relations}) r join pg_class c on c.oid = r.oid`)) {
    const key = relationKey(row);
    add(key, `owner ${row.owner}, ${row.persistence}, replica identity ${row.replica_identity}`);
    if (row.relkind !== 'S' && row.relkind !== 'v') {
      add(key, `row level security ${row.rls ? 'enabled' : 'disabled'}, ${row.force_rls ? 'forced' : 'not forced'}`);
    }
    if (row.options) add(key, `options ${row.options}`);
    addAccess(key, row.acl!);
    if (row.comment !== null) add(key, `comment ${row.comment}`);
    if (row.definition !== null) add(key, `definition ${row.definition}`);
    if (row.inherits !== null) add(key, `inherits ${row.inherits}`);
    if (row.partition_bound !== null) add(key, `partition of bound ${row.partition_bound}`);
    if (row.partition_key !== null) add(key, `partition by ${row.partition_key}`);
  }

  // Columns in their order (dropped ones skipped, so a column dropped and re-added elsewhere shows).
  for (const row of await rows(`
    select r.relkind, r.name, a.attname as column, row_number() over (partition by a.attrelid order by a.attnum) as position,
           format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
           pg_get_expr(ad.adbin, ad.adrelid) as default_value, a.attidentity as identity, a.attgenerated as generated,
           case when a.attcollation <> t.typcollation then co.collname end as collation,
           array_to_string(a.attoptions, ', ') as options,
           case when a.attacl is not null then ${acl('a.attacl', null, 'c.relowner')} end as acl,
           col_description(a.attrelid, a.attnum) as comment
    from (${relations}) r
    join pg_class c on c.oid = r.oid
    join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    left join pg_collation co on co.oid = a.attcollation
    left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where r.relkind <> 'S'
    order by a.attrelid, a.attnum`)) {
    const parts = [`column ${row.position} ${row.column} ${row.type}`];
    if (row.not_null) parts.push('not null');
    if (row.identity) parts.push(`generated ${row.identity === 'a' ? 'always' : 'by default'} as identity`);
    if (row.generated) parts.push(`generated always as (${row.default_value}) stored`);
    else if (row.default_value !== null) parts.push(`default ${row.default_value}`);
    if (row.collation !== null) parts.push(`collate ${row.collation}`);
    if (row.options) parts.push(`options ${row.options}`);
    add(relationKey(row), parts.join(' '));
    if (row.acl !== null) addAccess(relationKey(row), row.acl!, `access on column ${row.column}:`);
    if (row.comment !== null) add(relationKey(row), `comment on column ${row.column}: ${row.comment}`);
  }

  for (const row of await rows(`
    select r.relkind, r.name, con.conname, pg_get_constraintdef(con.oid) as definition,
           obj_description(con.oid, 'pg_constraint') as comment
    from (${relations}) r join pg_constraint con on con.conrelid = r.oid`)) {
    add(relationKey(row), `constraint ${row.conname}: ${row.definition}`);
    if (row.comment !== null) add(relationKey(row), `comment on constraint ${row.conname}: ${row.comment}`);
  }

  for (const row of await rows(`
    select r.relkind, r.name, ic.relname as index, pg_get_indexdef(i.indexrelid) as definition,
           i.indisclustered as clustered, obj_description(i.indexrelid, 'pg_class') as comment
    from (${relations}) r join pg_index i on i.indrelid = r.oid join pg_class ic on ic.oid = i.indexrelid`)) {
    add(relationKey(row), `index ${row.definition}${row.clustered ? ' (clustered)' : ''}`);
    if (row.comment !== null) add(relationKey(row), `comment on index ${row.index}: ${row.comment}`);
  }

  for (const row of await rows(`
    select r.relkind, r.name, t.tgname, pg_get_triggerdef(t.oid) as definition, t.tgenabled as enabled,
           obj_description(t.oid, 'pg_trigger') as comment
    from (${relations}) r join pg_trigger t on t.tgrelid = r.oid and not t.tgisinternal`)) {
    add(relationKey(row), `trigger ${row.definition}${row.enabled === 'O' ? '' : ` (enabled: ${row.enabled})`}`);
    if (row.comment !== null) add(relationKey(row), `comment on trigger ${row.tgname}: ${row.comment}`);
  }

  for (const row of await rows(`
    select r.relkind, r.name, p.policyname, p.permissive, array_to_string(p.roles, ', ') as roles, p.cmd, p.qual, p.with_check,
           obj_description(pol.oid, 'pg_policy') as comment
    from (${relations}) r
    join pg_policy pol on pol.polrelid = r.oid
    join pg_policies p on p.schemaname || '.' || p.tablename = r.name and p.policyname = pol.polname`)) {
    add(
      relationKey(row),
      `policy "${row.policyname}" ${row.permissive!.toLowerCase()} for ${row.cmd!.toLowerCase()} to ${row.roles}` +
        ` using (${row.qual ?? ''}) with check (${row.with_check ?? ''})`,
    );
    if (row.comment !== null) add(relationKey(row), `comment on policy "${row.policyname}": ${row.comment}`);
  }

  for (const row of await rows(`
    select r.relkind, r.name, rw.rulename, pg_get_ruledef(rw.oid) as definition
    from (${relations}) r join pg_rewrite rw on rw.ev_class = r.oid and rw.rulename <> '_RETURN'`)) {
    add(relationKey(row), `rule ${row.definition}`);
  }

  for (const row of await rows(`
    select r.relkind, r.name, format_type(s.seqtypid, null) as type, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
           s.seqcache, s.seqcycle,
           (select dn.nspname || '.' || dc.relname || '.' || da.attname
              from pg_depend d
              join pg_class dc on dc.oid = d.refobjid join pg_namespace dn on dn.oid = dc.relnamespace
              join pg_attribute da on da.attrelid = d.refobjid and da.attnum = d.refobjsubid
              where d.classid = 'pg_class'::regclass and d.objid = r.oid and d.refobjsubid > 0 and d.deptype in ('a', 'i')) as owned_by
    from (${relations}) r join pg_sequence s on s.seqrelid = r.oid`)) {
    add(
      relationKey(row),
      `${row.type} start ${row.seqstart} increment ${row.seqincrement} min ${row.seqmin} max ${row.seqmax}` +
        ` cache ${row.seqcache}${row.seqcycle ? ' cycle' : ''} owned by ${row.owned_by ?? 'none'}`,
    );
  }

  // Functions and procedures: pg_get_functiondef carries the signature, language, volatility,
  // security definer, strictness, cost, SET options (search_path, jit) and the body as written.
  for (const row of await rows(`
    select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name, p.prokind,
           case when p.prokind = 'a' then
             'aggregate ' || p.proname || '(' || pg_get_function_arguments(p.oid) || ') returns ' || pg_get_function_result(p.oid)
             || (select ' sfunc ' || ag.aggtransfn::regproc || ' stype ' || format_type(ag.aggtranstype, null)
                        || ' finalfunc ' || ag.aggfinalfn::regproc || ' initcond ' || coalesce(ag.agginitval, 'null')
                 from pg_aggregate ag where ag.aggfnoid = p.oid)
           else pg_get_functiondef(p.oid) end as definition,
           pg_get_userbyid(p.proowner) as owner, ${acl('p.proacl', `'f'`, 'p.proowner')} as acl,
           obj_description(p.oid, 'pg_proc') as comment
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where ${appSchema('n.nspname')} and ${notInExtension('pg_proc', 'p.oid')}`)) {
    const key = `${row.prokind === 'p' ? 'procedure' : row.prokind === 'a' ? 'aggregate' : 'function'} ${row.name}`;
    add(key, row.definition!.trimEnd());
    add(key, `owner ${row.owner}`);
    addAccess(key, row.acl!);
    if (row.comment !== null) add(key, `comment ${row.comment}`);
  }

  // Types of their own (enums, domains, composite and range types); a table's row type and
  // array types come with what they belong to.
  for (const row of await rows(`
    select n.nspname || '.' || t.typname as name, t.typtype,
           pg_get_userbyid(t.typowner) as owner, ${acl('t.typacl', `'T'`, 't.typowner')} as acl,
           obj_description(t.oid, 'pg_type') as comment,
           case t.typtype
             when 'e' then (select 'enum (' || string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder) || ')'
                            from pg_enum e where e.enumtypid = t.oid)
             when 'd' then 'domain over ' || format_type(t.typbasetype, t.typtypmod)
                           || case when t.typnotnull then ' not null' else '' end
                           || coalesce(' default ' || t.typdefault, '')
                           || coalesce((select ' ' || string_agg(con.conname || ': ' || pg_get_constraintdef(con.oid), ', ' order by con.conname)
                                        from pg_constraint con where con.contypid = t.oid), '')
             when 'c' then 'composite (' || (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum)
                                            from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) || ')'
             when 'r' then 'range of ' || (select format_type(rg.rngsubtype, null) from pg_range rg where rg.rngtypid = t.oid)
             else 'type ' || t.typtype::text
           end as definition
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where ${appSchema('n.nspname')} and ${notInExtension('pg_type', 't.oid')}
      and not exists (select 1 from pg_type arr where arr.typarray = t.oid)
      and (t.typrelid = 0 or (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c')
      and t.typtype <> 'm'`)) {
    const key = `type ${row.name}`;
    add(key, row.definition!);
    add(key, `owner ${row.owner}`);
    addAccess(key, row.acl!);
    if (row.comment !== null) add(key, `comment ${row.comment}`);
  }

  // Default privileges (ALTER DEFAULT PRIVILEGES): what objects created later will grant.
  for (const row of await rows(`
    select pg_get_userbyid(d.defaclrole) as role, coalesce(n.nspname, '(all schemas)') as schema, d.defaclobjtype as kind,
           ${acl('d.defaclacl', null, 'd.defaclrole')} as acl
    from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace`)) {
    add(`default privileges of ${row.role} in ${row.schema} on ${({ r: 'tables', S: 'sequences', f: 'functions', T: 'types', n: 'schemas' } as Record<string, string>)[row.kind!]}`, row.acl!);
  }

  for (const row of await rows(`
    select e.evtname as name, e.evtevent as event, e.evtfoid::regproc::text as function, e.evtenabled as enabled,
           array_to_string(e.evttags, ', ') as tags
    from pg_event_trigger e where ${notInExtension('pg_event_trigger', 'e.oid')}`)) {
    add(`event trigger ${row.name}`, `on ${row.event} (${row.tags ?? 'all'}) execute ${row.function} enabled ${row.enabled}`);
  }

  for (const row of await rows(`
    select p.pubname as name, p.puballtables as all_tables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate,
           (select string_agg(pt.schemaname || '.' || pt.tablename, ', ' order by pt.schemaname, pt.tablename)
              from pg_publication_tables pt where pt.pubname = p.pubname) as tables
    from pg_publication p`)) {
    add(`publication ${row.name}`, `all tables ${row.all_tables}, insert ${row.pubinsert}, update ${row.pubupdate}, ` +
      `delete ${row.pubdelete}, truncate ${row.pubtruncate}, tables ${row.tables ?? 'none'}`);
  }

  // Everything else a migration can create (operators, casts, collations, text search,
  // statistics objects, foreign servers, languages, access methods...), by its description.
  const otherCatalogs = [
    'pg_operator', 'pg_opclass', 'pg_opfamily', 'pg_cast', 'pg_conversion', 'pg_collation', 'pg_ts_config',
    'pg_ts_dict', 'pg_ts_parser', 'pg_ts_template', 'pg_statistic_ext', 'pg_foreign_data_wrapper',
    'pg_foreign_server', 'pg_transform', 'pg_language', 'pg_am', 'pg_largeobject_metadata',
  ];
  for (const row of await rows(
    otherCatalogs
      .map((name) => `select pg_describe_object('${name}'::regclass, o.oid, 0) as name from ${name} o
                      where o.oid >= 16384 and ${notInExtension(name, 'o.oid')}`)
      .join(' union all '),
  )) {
    add(row.name!, 'exists');
  }

  for (const [key, list] of lines) catalog.set(key, list.sort(byLineKind).join('\n'));
  return catalog;
}

// A table's lines read top-down like its definition: its own settings, then columns in
// order, then constraints, indexes, triggers and policies (each sorted by text).
const lineOrder = ['owner', 'row level', 'options', 'access', 'comment ', 'definition', 'inherits', 'partition', 'column',
  'comment on column', 'access on column', 'constraint', 'comment on constraint', 'index', 'comment on index', 'trigger', 'comment on trigger',
  'policy', 'comment on policy', 'rule'];
function rank(line: string): number {
  let best = -1;
  lineOrder.forEach((prefix, index) => {
    if (line.startsWith(prefix) && (best === -1 || prefix.length > lineOrder[best]!.length)) best = index;
  });
  return best === -1 ? lineOrder.length : best;
}
function byLineKind(a: string, b: string): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (a.startsWith('column') && b.startsWith('column')) return Number(a.split(' ')[1]) - Number(b.split(' ')[1]);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The differences between two catalogs, each a readable paragraph: the object, then a line
 * diff of its definition with `-` for what only `left` has and `+` for what only `right` has.
 */
export function diffCatalogs(left: Catalog, right: Catalog, names: { left: string; right: string }): string[] {
  const differences: string[] = [];
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  for (const key of keys) {
    const a = left.get(key);
    const b = right.get(key);
    if (a === b) continue;
    if (b === undefined) differences.push(`${key}: only in ${names.left}\n${indent(a!, '- ')}`);
    else if (a === undefined) differences.push(`${key}: only in ${names.right}\n${indent(b, '+ ')}`);
    else differences.push(`${key}: differs (- ${names.left}, + ${names.right})\n${lineDiff(a, b)}`);
  }
  return differences;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

/** A line diff (longest common subsequence) showing changed lines with two lines of context. */
function lineDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const common: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      common[i]![j] = x[i] === y[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const out: { mark: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      out.push({ mark: ' ', line: x[i++]! });
      j++;
    }
    else if (i < x.length && (j === y.length || common[i + 1]![j]! >= common[i]![j + 1]!)) out.push({ mark: '-', line: x[i++]! });
    else out.push({ mark: '+', line: y[j++]! });
  }
  const near = (index: number) => out.slice(Math.max(0, index - 2), index + 3).some((entry) => entry.mark !== ' ');
  const shown: string[] = [];
  out.forEach((entry, index) => {
    if (near(index)) shown.push(`${entry.mark} ${entry.line}`);
    else if (shown[shown.length - 1] !== '  ...') shown.push('  ...');
  });
  return shown.join('\n');
}
