import { describe, expect, it } from 'vitest';
import { callsReader, mentions, parseMarkup, plainText, splitMatches, type MarkupNode } from './message-markup';

const text = (t: string): MarkupNode => ({ kind: 'text', text: t });

describe('parseMarkup', () => {
  it('leaves plain text whole', () => {
    expect(parseMarkup('just words, 3 * 4 = 12 and a_b_c')).toEqual([text('just words, 3 * 4 = 12 and a_b_c')]);
  });

  it('reads bold, italic, underline, strikethrough and bold italic, nested', () => {
    expect(parseMarkup('**b** *i* _i_ __u__ ~~s~~ ***bi***')).toEqual([
      { kind: 'bold', children: [text('b')] },
      text(' '),
      { kind: 'italic', children: [text('i')] },
      text(' '),
      { kind: 'italic', children: [text('i')] },
      text(' '),
      { kind: 'underline', children: [text('u')] },
      text(' '),
      { kind: 'strike', children: [text('s')] },
      text(' '),
      { kind: 'bold', children: [{ kind: 'italic', children: [text('bi')] }] },
    ]);
    expect(parseMarkup('**bold with *italic* inside**')).toEqual([
      { kind: 'bold', children: [text('bold with '), { kind: 'italic', children: [text('italic')] }, text(' inside')] },
    ]);
  });

  it('keeps code as typed: nothing inside inline code or a code block is markup', () => {
    expect(parseMarkup('run `**not bold** @alice` now')).toEqual([
      text('run '),
      { kind: 'code', text: '**not bold** @alice' },
      text(' now'),
    ]);
    expect(parseMarkup('```ts\nconst a = **b**;\n```')).toEqual([{ kind: 'codeblock', language: 'ts', text: 'const a = **b**;' }]);
    expect(parseMarkup('```\nplain\n```')).toEqual([{ kind: 'codeblock', language: null, text: 'plain' }]);
    expect(parseMarkup('```one line```')).toEqual([{ kind: 'codeblock', language: null, text: 'one line' }]);
  });

  it('leaves unclosed or spaced markers, and escaped ones, as typed', () => {
    expect(parseMarkup('**open and `open')).toEqual([text('**open and `open')]);
    expect(parseMarkup('a * b * c')).toEqual([text('a * b * c')]);
    expect(parseMarkup('snake_case_name and __init__')).toEqual([
      text('snake_case_name and '),
      { kind: 'underline', children: [text('init')] },
    ]);
    expect(parseMarkup(String.raw`\*not italic\* and \@alice`)).toEqual([text('*not italic* and @alice')]);
  });

  it('finds http(s) links without trailing punctuation, and nothing else as a link', () => {
    expect(parseMarkup('see https://example.com/a_b?x=1. or javascript:alert(1)')).toEqual([
      text('see '),
      { kind: 'link', href: 'https://example.com/a_b?x=1', text: 'https://example.com/a_b?x=1' },
      text('. or javascript:alert(1)'),
    ]);
  });

  it('finds mentions by username, not inside words or addresses, without a trailing dot', () => {
    expect(parseMarkup('hi @Alice.B, mail bob@example.com or @al')).toEqual([
      text('hi '),
      { kind: 'mention', username: 'alice.b' },
      text(', mail bob@example.com or @al'),
    ]);
    expect(parseMarkup('thanks @carol.')).toEqual([text('thanks '), { kind: 'mention', username: 'carol' }, text('.')]);
  });

  it('finds @everyone as the API reads it: lower case, alone, outside code', () => {
    const everyone: MarkupNode = { kind: 'everyone' };
    expect(parseMarkup('Heads up @everyone!')).toEqual([text('Heads up '), everyone, text('!')]);
    expect(parseMarkup('**@everyone** and @everyone..')).toEqual([
      { kind: 'bold', children: [everyone] },
      text(' and '),
      everyone,
      text('..'),
    ]);
    expect(parseMarkup('`@everyone` mail@everyone')).toEqual([{ kind: 'code', text: '@everyone' }, text(' mail@everyone')]);
    // Continued, it is a username; another case is not the API's @everyone either.
    expect(parseMarkup('@everyoneelse @everyone.x')).toEqual([
      { kind: 'mention', username: 'everyoneelse' },
      text(' '),
      { kind: 'mention', username: 'everyone.x' },
    ]);
    expect(parseMarkup('@Everyone')).toEqual([{ kind: 'mention', username: 'everyone' }]);
  });

  it('finds @here as it finds @everyone: lower case, alone, outside code, escapes and links', () => {
    const here: MarkupNode = { kind: 'here' };
    expect(parseMarkup('Anyone @here?')).toEqual([text('Anyone '), here, text('?')]);
    expect(parseMarkup('**@here** and @here.. or @everyone')).toEqual([
      { kind: 'bold', children: [here] },
      text(' and '),
      here,
      text('.. or '),
      { kind: 'everyone' },
    ]);
    expect(parseMarkup('\\@here `@here` mail@here https://example.com/@here')).toEqual([
      text('@here '),
      { kind: 'code', text: '@here' },
      text(' mail@here '),
      { kind: 'link', href: 'https://example.com/@here', text: 'https://example.com/@here' },
    ]);
    // Continued, or in another case, it is a username.
    expect(parseMarkup('@heresy @Here')).toEqual([
      { kind: 'mention', username: 'heresy' },
      text(' '),
      { kind: 'mention', username: 'here' },
    ]);
  });

  it('finds member mentions by id (<@id>, <@!id>) as bots write them, not in code', () => {
    const user = (userId: string): MarkupNode => ({ kind: 'user', userId });
    expect(parseMarkup('<@12> and <@!34>, <@&56>')).toEqual([
      user('12'),
      text(' and '),
      user('34'),
      text(', '),
      { kind: 'role', roleId: '56' },
    ]);
    expect(parseMarkup('`<@12>`')).toEqual([{ kind: 'code', text: '<@12>' }]);
    expect(parseMarkup('in <#56>')).toEqual([text('in '), { kind: 'channel', channelId: '56' }]);
  });

  it('finds role mentions (<@&id>) as the API reads them: in styles and quotes, not in code, links or after an escape', () => {
    const role = (roleId: string): MarkupNode => ({ kind: 'role', roleId });
    expect(parseMarkup('Ping <@&12>, please')).toEqual([text('Ping '), role('12'), text(', please')]);
    expect(parseMarkup('**<@&12>** and<@&34>')).toEqual([{ kind: 'bold', children: [role('12')] }, text(' and'), role('34')]);
    expect(parseMarkup('> <@&12> look')).toEqual([{ kind: 'quote', children: [role('12'), text(' look')] }]);
    expect(parseMarkup('`<@&12>` and ```\n<@&12>\n```')).toEqual([
      { kind: 'code', text: '<@&12>' },
      text(' and '),
      { kind: 'codeblock', language: null, text: '<@&12>' },
    ]);
    // A link stops at "<", as the API's does: what follows is a mention.
    expect(parseMarkup('https://example.com/<@&12>')).toEqual([
      { kind: 'link', href: 'https://example.com/', text: 'https://example.com/' },
      role('12'),
    ]);
    // <@12> is a member's mention (below).
    expect(parseMarkup(String.raw`<\@&12> <@&x> <@&123456789012345678901>`)).toEqual([text('<@&12> <@&x> <@&123456789012345678901>')]);
  });

  it('nests only so deep, and stays fast on hostile input', () => {
    // Four styles deep, the fifth stays as typed.
    expect(parseMarkup('**a ~~b *c __d _e_ d__ c* b~~ a**')).toEqual([
      {
        kind: 'bold',
        children: [
          text('a '),
          {
            kind: 'strike',
            children: [
              text('b '),
              { kind: 'italic', children: [text('c '), { kind: 'underline', children: [text('d _e_ d')] }, text(' c')] },
              text(' b'),
            ],
          },
          text(' a'),
        ],
      },
    ]);
    // 4,000 characters of openers whose closers never come: each tried to the end, all as typed.
    const hostile = '*a _b '.repeat(666);
    expect(parseMarkup(hostile)).toEqual([text(hostile)]);
  });
});

describe('parseMarkup: block quotes and spoilers', () => {
  const mention = (username: string): MarkupNode => ({ kind: 'mention', username });

  it('quotes a run of "> " lines, with inline markup inside; the quote takes its line break along', () => {
    expect(parseMarkup('> quoted **bold** @Alice\n> second `code`\nafter')).toEqual([
      {
        kind: 'quote',
        children: [
          text('quoted '),
          { kind: 'bold', children: [text('bold')] },
          text(' '),
          mention('alice'),
          text('\nsecond '),
          { kind: 'code', text: 'code' },
        ],
      },
      text('after'),
    ]);
    expect(parseMarkup('intro\n> one\n\n> two')).toEqual([
      text('intro\n'),
      { kind: 'quote', children: [text('one')] },
      text('\n'),
      { kind: 'quote', children: [text('two')] },
    ]);
    expect(parseMarkup('> https://example.com/a')).toEqual([
      { kind: 'quote', children: [{ kind: 'link', href: 'https://example.com/a', text: 'https://example.com/a' }] },
    ]);
  });

  it('quotes everything after ">>> ", lines without markers included', () => {
    expect(parseMarkup('look:\n>>> all of\n*this*\n> and this')).toEqual([
      text('look:\n'),
      { kind: 'quote', children: [text('all of\n'), { kind: 'italic', children: [text('this')] }, text('\n> and this')] },
    ]);
  });

  it('quotes only at a line start of the message itself, with a space, and never in code, a style, a quote or after \\>', () => {
    expect(parseMarkup('a > b and >no space\n>tight')).toEqual([text('a > b and >no space\n>tight')]);
    expect(parseMarkup(String.raw`\> not a quote`)).toEqual([text('> not a quote')]);
    expect(parseMarkup('**> bold**')).toEqual([{ kind: 'bold', children: [text('> bold')] }]);
    expect(parseMarkup('> > once')).toEqual([{ kind: 'quote', children: [text('> once')] }]);
    expect(parseMarkup('```\n> code\n```')).toEqual([{ kind: 'codeblock', language: null, text: '> code' }]);
  });

  it('hides ||spoilers||, with inline markup inside, spaces allowed', () => {
    expect(parseMarkup('the end: ||Bruce **is** @Alice|| ok')).toEqual([
      text('the end: '),
      { kind: 'spoiler', children: [text('Bruce '), { kind: 'bold', children: [text('is')] }, text(' '), mention('alice')] },
      text(' ok'),
    ]);
    expect(parseMarkup('|| a || and ||`b`||')).toEqual([
      { kind: 'spoiler', children: [text(' a ')] },
      text(' and '),
      { kind: 'spoiler', children: [{ kind: 'code', text: 'b' }] },
    ]);
    expect(parseMarkup('> ||quoted secret||')).toEqual([
      { kind: 'quote', children: [{ kind: 'spoiler', children: [text('quoted secret')] }] },
    ]);
  });

  it('leaves unclosed, empty and escaped spoiler markers as typed', () => {
    expect(parseMarkup('||open and a || b')).toEqual([{ kind: 'spoiler', children: [text('open and a ')] }, text(' b')]);
    expect(parseMarkup('a | b ||open')).toEqual([text('a | b ||open')]);
    expect(parseMarkup('||||')).toEqual([text('||||')]);
    expect(parseMarkup(String.raw`\|\|not\|\| and ||a\|| b||`)).toEqual([
      text('||not|| and '),
      { kind: 'spoiler', children: [text('a|| b')] },
    ]);
  });

  it('stays fast on hostile quotes and spoilers', () => {
    const quotes = '> a\n'.repeat(1000) + '>>> ' + '> '.repeat(1000);
    expect(parseMarkup(quotes)).toHaveLength(2);
    const pipes = '||' + String.raw`\||`.repeat(1500);
    expect(plainText(parseMarkup(pipes))).toBe('||' + '||'.repeat(1500));
  });
});

describe('parseMarkup: headings, subtext, lists and links as Discord writes them', () => {
  const bold = (t: string): MarkupNode => ({ kind: 'bold', children: [text(t)] });
  const item = (...children: MarkupNode[]): MarkupNode => ({ kind: 'item', children });
  const bullets = (...children: MarkupNode[]): MarkupNode => ({ kind: 'list', ordered: false, start: 1, children });

  it('reads "# ", "## " and "### " at a line start as headings of the rest of the line, styles inside', () => {
    expect(parseMarkup('# Rules\n## **Be** kind\n### small\nthen text')).toEqual([
      { kind: 'heading', level: 1, children: [text('Rules')] },
      { kind: 'heading', level: 2, children: [bold('Be'), text(' kind')] },
      { kind: 'heading', level: 3, children: [text('small')] },
      text('then text'),
    ]);
    // No space, four hashes, nothing after, mid-line, escaped, in a quote or a style: as typed.
    expect(parseMarkup('#general')).toEqual([text('#general')]);
    expect(parseMarkup('#### four')).toEqual([text('#### four')]);
    expect(parseMarkup('# ')).toEqual([text('# ')]);
    expect(parseMarkup('say # this')).toEqual([text('say # this')]);
    expect(parseMarkup(String.raw`\# not one`)).toEqual([text('# not one')]);
    expect(parseMarkup('> # quoted')).toEqual([{ kind: 'quote', children: [text('# quoted')] }]);
  });

  it('reads "-# " at a line start as subtext', () => {
    expect(parseMarkup('done\n-# edited for *typos*')).toEqual([
      text('done\n'),
      { kind: 'subtext', children: [text('edited for '), { kind: 'italic', children: [text('typos')] }] },
    ]);
    expect(parseMarkup('-#nope')).toEqual([text('-#nope')]);
  });

  it('reads a run of "- " or "* " lines as a bullet list, indented lines as a list in the item above', () => {
    expect(parseMarkup('Bring:\n- tea\n* **cake**\n  - lemon\n  - plum\n- cups\nthanks')).toEqual([
      text('Bring:\n'),
      bullets(item(text('tea')), item(bold('cake'), bullets(item(text('lemon')), item(text('plum')))), item(text('cups'))),
      text('thanks'),
    ]);
    // Not at a line start, without the space, or escaped: as typed; "*a*" stays italic.
    expect(parseMarkup('a - b\n-b\n*a*')).toEqual([text('a - b\n-b\n'), { kind: 'italic', children: [text('a')] }]);
    expect(parseMarkup(String.raw`\- not one`)).toEqual([text('- not one')]);
  });

  it('numbers a list from its first number, and starts a new list where the marker kind changes', () => {
    expect(parseMarkup('3. three\n4. four\n- dash')).toEqual([
      { kind: 'list', ordered: true, start: 3, children: [item(text('three')), item(text('four'))] },
      bullets(item(text('dash'))),
    ]);
    expect(parseMarkup('2026. was a year')).toEqual([text('2026. was a year')]);
    expect(parseMarkup(String.raw`1\. not one`)).toEqual([text('1. not one')]);
  });

  it('nests lists only so deep, and stays fast on a long hostile run', () => {
    const deep = parseMarkup('- a\n  - b\n    - c\n      - d');
    const c = bullets(item(text('c')), item(text('d')));
    expect(deep).toEqual([bullets(item(text('a'), bullets(item(text('b'), c))))]);
    const run = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i % 7)}- ${i}`).join('\n');
    expect(plainText(parseMarkup(run)).split('\n')).toHaveLength(1000);
  });

  it('links `<https://…>` without its brackets, and [text](https://…) as the text, an address-like text as typed', () => {
    expect(parseMarkup('see <https://example.com/a>')).toEqual([
      text('see '),
      { kind: 'link', href: 'https://example.com/a', text: 'https://example.com/a' },
    ]);
    expect(parseMarkup('read [the docs](https://example.com/docs).')).toEqual([
      text('read '),
      { kind: 'link', href: 'https://example.com/docs', text: 'the docs' },
      text('.'),
    ]);
    // A text that reads as an address would hide where the link goes: the address inside is linked as itself.
    expect(parseMarkup('[paypal.com](https://evil.example)')).toEqual([
      text('[paypal.com]('),
      { kind: 'link', href: 'https://evil.example', text: 'https://evil.example' },
      text(')'),
    ]);
    // Only http(s); a mention in the text stays one (the API counts it).
    expect(parseMarkup('[x](javascript:alert(1))')).toEqual([text('[x](javascript:alert(1))')]);
    expect(parseMarkup('[@here](https://example.com)')[1]).toEqual({ kind: 'here' });
  });

  it('shows headings, subtext and list items as their text on lines of their own', () => {
    expect(plainText(parseMarkup('# Rules\n- be **kind**\n  - always\n1. one\n-# small\nend'))).toBe(
      'Rules\nbe kind\nalways\none\nsmall\nend',
    );
    expect(mentions(parseMarkup('- hey @alice'), 'alice')).toBe(true);
  });
});

describe('mentions', () => {
  it('is true for the reader’s username anywhere but code, in any case', () => {
    expect(mentions(parseMarkup('**hey @ALICE**'), 'alice')).toBe(true);
    expect(mentions(parseMarkup('`@alice`'), 'alice')).toBe(false);
    expect(mentions(parseMarkup('@alicex'), 'alice')).toBe(false);
  });

  it('is true for <@id> of the reader, as bots write it (the API counts it too)', () => {
    expect(mentions(parseMarkup('**hey <@1>**'), 'alice', '1')).toBe(true);
    expect(mentions(parseMarkup('<@12> and `<@1>`'), 'alice', '1')).toBe(false);
  });

  it('reads @everyone and @here as no one’s name (the API lets nobody be called either)', () => {
    expect(mentions(parseMarkup('@everyone'), 'alice')).toBe(false);
    expect(mentions(parseMarkup('**hi @everyone**'), 'alice')).toBe(false);
    expect(mentions(parseMarkup('@here'), 'here')).toBe(false);
  });
});

describe('plainText', () => {
  it('drops the markers and keeps what they mark', () => {
    expect(plainText(parseMarkup('**Heads up** @Alice: run `npm start`, ~~not~~ *this*'))).toBe('Heads up @alice: run npm start, not this');
    expect(plainText(parseMarkup('**@everyone** look'))).toBe('@everyone look');
    expect(plainText(parseMarkup('__@here__ look'))).toBe('@here look');
  });

  it('names a role mention by the role, or @deleted-role for one not known', () => {
    const names = (roleId: string) => ({ '12': 'Raid Team' })[roleId];
    expect(plainText(parseMarkup('**<@&12>** meet at 8, <@&99> too'), names)).toBe('@Raid Team meet at 8, @deleted-role too');
    expect(plainText(parseMarkup('> quoted <@&12>\n||<@&12>||'), names)).toBe('quoted @Raid Team\n[spoiler]');
    // Without the server's roles, every role is unknown.
    expect(plainText(parseMarkup('<@&12>'))).toBe('@deleted-role');
  });

  it('shows a spoiler as [spoiler], never its text, and a quote as its text on its own lines', () => {
    expect(plainText(parseMarkup('Snape ||kills **Dumbledore** @alice|| lol'))).toBe('Snape [spoiler] lol');
    expect(plainText(parseMarkup('> you said **this**\n> and that\nright'))).toBe('you said this\nand that\nright');
    expect(plainText(parseMarkup('>>> ||all|| of it'))).toBe('[spoiler] of it');
    expect(plainText(parseMarkup(String.raw`\|\|shown\|\|`))).toBe('||shown||');
  });

  it('says whether a message calls the reader: a mention or a reply to them, never their own', () => {
    const reader = { id: '7', username: 'ann.lee' };
    const by = (content: string, authorId = '1', replyToAuthorId: string | null = null) =>
      callsReader({ content, authorId, replyToAuthorId }, reader);
    expect(by('hi @Ann.Lee.')).toBe(true);
    expect(by('**look @ann.lee**')).toBe(true);
    expect(by('a reply', '1', '7')).toBe(true);
    expect(by('`@ann.lee` in code')).toBe(false);
    expect(by('@ann.leex is another')).toBe(false);
    expect(by('me@ann.lee')).toBe(false);
    expect(by('a reply to someone else', '1', '2')).toBe(false);
    expect(by('talking to myself @ann.lee', '7', '7')).toBe(false);
  });

  it('counts a message that mentions everyone as calling every reader but its author, whatever its text', () => {
    const reader = { id: '7', username: 'ann.lee' };
    const everyone = (authorId: string, mentionsEveryone: boolean, content = '@everyone look') =>
      callsReader({ content, authorId, mentionsEveryone }, reader);
    expect(everyone('1', true)).toBe(true);
    expect(everyone('1', true, '**@everyone** look')).toBe(true);
    // The words alone, from someone who may not mention everyone, call nobody.
    expect(everyone('1', false)).toBe(false);
    expect(everyone('7', true)).toBe(false);
  });

  it('counts a message that mentions those online (@here) as calling a reader it reaches, but its author, whatever its text', () => {
    const reader = { id: '7', username: 'ann.lee' };
    const here = (authorId: string, mentionsHere: boolean, content = '@here look') =>
      callsReader({ content, authorId, mentionsHere }, reader);
    expect(here('1', true)).toBe(true);
    expect(here('1', true, '**@here** look')).toBe(true);
    // The words alone, from someone who may not mention everyone, call nobody.
    expect(here('1', false)).toBe(false);
    expect(here('7', true)).toBe(false);
  });
});

describe('callsReader with roles', () => {
  it('calls the holders of a role the API decided the message mentions, never its author, whatever its text', () => {
    const reader = { id: '7', username: 'ann', roleIds: ['12', '13'] };
    const by = (authorId: string, mentionRoleIds: string[], content = 'hi <@&12>') =>
      callsReader({ content, authorId, mentionRoleIds }, reader);
    expect(by('1', ['12'])).toBe(true);
    expect(by('1', ['99', '13'], 'hi <@&99> <@&13>')).toBe(true);
    // The text alone calls nobody: the role was not mentionable for the author (or it is not the reader's).
    expect(by('1', [])).toBe(false);
    expect(by('1', ['99'], 'hi <@&99>')).toBe(false);
    expect(by('7', ['12'])).toBe(false);
    // A reader whose roles are not known yet is called by nothing but the rest.
    expect(callsReader({ content: 'hi <@&12>', authorId: '1', mentionRoleIds: ['12'] }, { id: '7', username: 'ann' })).toBe(false);
  });
});

describe('splitMatches', () => {
  it('cuts text where a pattern matches, in order, and keeps text without a match whole', () => {
    expect(splitMatches('a cat, a Cat', /cat/gi)).toEqual([
      { text: 'a ', match: false },
      { text: 'cat', match: true },
      { text: ', a ', match: false },
      { text: 'Cat', match: true },
    ]);
    expect(splitMatches('dog', /cat/g)).toEqual([{ text: 'dog', match: false }]);
    expect(splitMatches('', /cat/g)).toEqual([{ text: '', match: false }]);
    // A pattern that matches nothing at every place neither loops nor marks.
    expect(splitMatches('ab', /x*/g)).toEqual([{ text: 'ab', match: false }]);
  });
});
