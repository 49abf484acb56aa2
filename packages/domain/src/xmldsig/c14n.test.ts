import { describe, expect, it } from 'vitest';
import { canonicalizeDocument, canonicalizeElement } from './c14n';
import type { XElement } from './dom';
import { readXmlDocument } from './dom';

function doc(xml: string) {
  const read = readXmlDocument(xml);
  if (!read.ok) throw new Error(read.error);
  return read.doc;
}

function find(el: XElement, local: string): XElement {
  const stack = [el];
  while (stack.length > 0) {
    const e = stack.pop() as XElement;
    if (e.local === local) return e;
    for (const c of e.children) if (c.kind === 'element') stack.push(c);
  }
  throw new Error(local);
}

// W3C Canonical XML 1.0 §3 examples (the DOCTYPE lines removed: Kouan refuses DTDs, and these
// examples' DTDs only add a default attribute in 3.3, which is therefore absent from the output).
describe('inclusive C14N 1.0, W3C REC examples', () => {
  const ex31 =
    '<?xml version="1.0"?>\n\n<?xml-stylesheet   href="doc.xsl"\n   type="text/xsl"   ?>\n\n' +
    '<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->';

  it('3.1 PIs, comments and outside of document element (uncommented)', () => {
    expect(canonicalizeDocument(doc(ex31))).toBe(
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>',
    );
  });

  it('3.1 with comments', () => {
    expect(canonicalizeDocument(doc(ex31), { withComments: true })).toBe(
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n' +
        '<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->',
    );
  });

  it('3.2 whitespace in document content is kept', () => {
    const xml =
      '<doc>\n   <clean>   </clean>\n   <dirty>   A   B   </dirty>\n   <mixed>\n      A\n      <clean>   </clean>\n' +
      '      B\n      <dirty>   A   B   </dirty>\n      C\n   </mixed>\n</doc>';
    expect(canonicalizeDocument(doc(`<?xml version="1.0"?>\n${xml}`))).toBe(xml);
  });

  it('3.3 start and end tags: empty elements, attribute order, namespace declarations', () => {
    const input = `<doc>
   <e1   />
   <e2   ></e2>
   <e3   name = "elem3"   id="elem3"   />
   <e4   name="elem4"   id="elem4"   ></e4>
   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I'm"
      xmlns:b="http://www.ietf.org"
      xmlns:a="http://www.w3.org"
      xmlns="http://example.org"/>
   <e6 xmlns="" xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="" xmlns:a="http://www.w3.org">
            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>
         </e8>
      </e7>
   </e6>
</doc>`;
    expect(canonicalizeDocument(doc(input))).toBe(`<doc>
   <e1></e1>
   <e2></e2>
   <e3 id="elem3" name="elem3"></e3>
   <e4 id="elem4" name="elem4"></e4>
   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
   <e6 xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="">
            <e9 xmlns:a="http://www.ietf.org"></e9>
         </e8>
      </e7>
   </e6>
</doc>`);
  });

  it('3.4 character modifications and character references (the DTD-free parts)', () => {
    const input = `<doc>
   <text>First line&#x0d;&#10;Second line</text>
   <value>&#x32;</value>
   <compute><![CDATA[value>"0" && value<"10" ?"valid":"error"]]></compute>
   <compute expr='value>"0" &amp;&amp; value&lt;"10" ?"valid":"error"'>valid</compute>
   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>
</doc>`;
    expect(canonicalizeDocument(doc(input))).toBe(`<doc>
   <text>First line&#xD;
Second line</text>
   <value>2</value>
   <compute>value&gt;"0" &amp;&amp; value&lt;"10" ?"valid":"error"</compute>
   <compute expr="value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;">valid</compute>
   <norm attr=" '    &#xD;&#xA;&#x9;   ' "></norm>
</doc>`);
  });

  it('normalises CRLF line ends and keeps UTF-8 text as is', () => {
    expect(canonicalizeDocument(doc('<a>\r\n 张伟 &gt; 1\r</a>'))).toBe('<a>\n 张伟 &gt; 1\n</a>');
  });
});

describe('document subsets', () => {
  // Exclusive XML Canonicalization 1.0 §2.2 example.
  const xml = `<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org">
  <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
    <n3:stuff xmlns:n3="ftp://example.org"/>
  </n1:elem2>
</n0:local>`;

  it('inclusive C14N of a subtree renders every in-scope namespace on the apex', () => {
    const elem2 = find(doc(xml).root, 'elem2');
    expect(canonicalizeElement(elem2)).toBe(
      '<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en">\n' +
        '    <n3:stuff></n3:stuff>\n  </n1:elem2>',
    );
  });

  it('exclusive C14N renders only visibly used namespaces', () => {
    const elem2 = find(doc(xml).root, 'elem2');
    expect(canonicalizeElement(elem2, { exclusive: true })).toBe(
      '<n1:elem2 xmlns:n1="http://example.net" xml:lang="en">\n' +
        '    <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>\n  </n1:elem2>',
    );
  });

  it('inclusive C14N imports xml:* attributes of ancestors into the apex', () => {
    const d = doc('<a xml:lang="zh" xml:space="preserve"><b xml:lang="en"><c/></b></a>');
    expect(canonicalizeElement(find(d.root, 'b'))).toBe('<b xml:lang="en" xml:space="preserve"><c></c></b>');
  });

  it('prefix and whitespace variants of the same content canonicalise identically', () => {
    const a = doc('<ceb:M xmlns:ceb="urn:x"  guid = "1" ><ceb:v>1</ceb:v></ceb:M>');
    const b = doc("<ceb:M guid='1' xmlns:ceb='urn:x'><ceb:v>1</ceb:v ></ceb:M>");
    expect(canonicalizeDocument(a)).toBe(canonicalizeDocument(b));
    expect(canonicalizeDocument(a)).toBe('<ceb:M xmlns:ceb="urn:x" guid="1"><ceb:v>1</ceb:v></ceb:M>');
  });

  it('the enveloped-signature transform leaves out exactly the excluded element', () => {
    const d = doc('<r xmlns="urn:r"><x>1</x>\n<s:Sig xmlns:s="urn:s"><s:v>z</s:v></s:Sig>\n</r>');
    const sig = find(d.root, 'Sig');
    expect(canonicalizeDocument(d, { exclude: sig })).toBe('<r xmlns="urn:r"><x>1</x>\n\n</r>');
  });
});

describe('hardened reading', () => {
  it.each([
    ['a DTD', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['an unbound prefix', '<p:a/>'],
    ['two roots', '<a/><b/>'],
    ['a mismatched end tag', '<a></b>'],
  ])('refuses %s', (_what, xml) => {
    expect(readXmlDocument(xml).ok).toBe(false);
  });

  it('refuses nesting deeper than the limit', () => {
    expect(readXmlDocument(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`).ok).toBe(false);
  });
});
