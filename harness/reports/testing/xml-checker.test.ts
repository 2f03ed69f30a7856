import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XmlWellFormednessError, checkXml, findAll } from './xml-checker.js';

test('accepts well-formed XML and decodes entities', () => {
  const root = checkXml('<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2"><b/><b y=\'&#x41;\'>t&lt;&#65;</b></a>\n');
  assert.equal(root.name, 'a');
  assert.equal(root.attributes.x, '1 & 2');
  assert.equal(findAll(root, 'b').length, 2);
  assert.equal(root.children[1].attributes.y, 'A');
  assert.equal(root.children[1].text, 't<A');
});

test('rejects what is not well-formed', () => {
  for (const bad of ['<a>', '<a></b>', '<a x=1/>', '<a x="1" x="2"/>', '<a>&bogus;</a>', '<a>& b</a>', '<a/><b/>', 'text<a/>', '<a x="<"/>', '', '<a y="1"z="2"/>']) {
    assert.throws(() => checkXml(bad), XmlWellFormednessError, bad);
  }
});
