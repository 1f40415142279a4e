// The SPARQL editor of kg serve's /sparql page. The page works without it (a
// plain textarea in a GET form); this turns the textarea into a CodeMirror 6
// editor with SPARQL highlighting, loads the named queries chosen from the
// examples list, and runs the query with Ctrl-Enter (Cmd-Enter on a Mac).
import {EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars} from "@codemirror/view";
import {EditorState, Prec} from "@codemirror/state";
import {defaultKeymap, history, historyKeymap} from "@codemirror/commands";
import {StreamLanguage, HighlightStyle, syntaxHighlighting, bracketMatching, indentOnInput} from "@codemirror/language";
import {tags} from "@lezer/highlight";
import {sparql} from "@codemirror/legacy-modes/mode/sparql";

// Colours of at least 4.5:1 on white and on the active line's tint (WCAG AA).
const colours = HighlightStyle.define([
  {tag: tags.keyword, color: "#7a1f8f", fontWeight: "bold"},
  {tag: tags.atom, color: "#1c4f8c"},
  {tag: [tags.variableName, tags.local(tags.variableName)], color: "#8a3b00"},
  {tag: tags.standard(tags.variableName), color: "#00695c"},
  {tag: tags.string, color: "#a0122b"},
  {tag: tags.comment, color: "#4f5b43", fontStyle: "italic"},
  {tag: tags.meta, color: "#5a5a00"},
  {tag: tags.operator, color: "#333333"},
]);

const theme = EditorView.theme({
  "&": {border: "1px solid #767676", fontSize: "0.9rem", backgroundColor: "#fff"},
  "&.cm-focused": {outline: "3px solid #b3541e", outlineOffset: "2px"},
  ".cm-content": {fontFamily: "'DejaVu Sans Mono', monospace", minHeight: "12rem"},
  ".cm-scroller": {maxHeight: "60vh", overflow: "auto"},
  ".cm-gutters": {color: "#595959", backgroundColor: "#f5f5f5"},
});

function start() {
  const textarea = document.getElementById("query");
  if (!textarea) return;
  const form = textarea.form;
  const examples = JSON.parse(document.getElementById("examples")?.textContent || "{}");
  const run = () => { textarea.value = view.state.doc.toString(); form.requestSubmit(); return true; };
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      StreamLanguage.define(sparql),
      syntaxHighlighting(colours),
      theme,
      Prec.highest(keymap.of([{key: "Mod-Enter", run}])),  // before the default keymap's Mod-Enter
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({"aria-label": textarea.getAttribute("aria-label") || "SPARQL query"}),
      EditorView.updateListener.of(update => {
        if (update.docChanged) textarea.value = update.state.doc.toString();
      }),
    ],
  });
  textarea.hidden = true;
  textarea.parentNode.insertBefore(view.dom, textarea);
  form.addEventListener("submit", () => { textarea.value = view.state.doc.toString(); });
  const picker = document.getElementById("example");
  if (picker) {
    picker.addEventListener("change", () => {
      const text = examples[picker.value];
      if (text === undefined) return;
      view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
    });
  }
  window.kgEditor = view;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
