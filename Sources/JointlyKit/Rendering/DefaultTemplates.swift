import Foundation

/// The default templates, compiled into Jointly so the binary works wherever it is copied.
///
/// Each literal is byte for byte the file of the same name in the repository's `templates/`
/// folder, which users copy and edit; `RenderingDefaultTemplatesTests` fails when they drift.
/// To change a default, edit the file in `templates/` and paste it here.
public enum DefaultTemplates {
    /// Every default template's text, keyed by file name (`statement.md.mustache`).
    public static let files: [String: String] = [
        "signatory.html.mustache": signatoryHtml,
        "statement.html.mustache": statementHtml,
        "statement.md.mustache": statementMd,
        "style.css.mustache": styleCss,
    ]

    /// Writes every default template into `directory`, creating it if needed and never
    /// overwriting a file that is already there; returns the paths written.
    @discardableResult
    public static func write(to directory: String) throws -> [String] {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw JointlyError.io(path: directory, reason: "cannot create the templates folder (\(error.localizedDescription))")
        }
        var written: [String] = []
        for fileName in files.keys.sorted() {
            let path = (directory as NSString).appendingPathComponent(fileName)
            guard !manager.fileExists(atPath: path) else { continue }
            do {
                try Data((files[fileName] ?? "").utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch {
                throw JointlyError.io(path: path, reason: "cannot write the template (\(error.localizedDescription))")
            }
            written.append(path)
        }
        return written
    }

    /// `templates/signatory.html.mustache`.
    static let signatoryHtml = #"""
{{% CONTENT_TYPE: HTML }}
{{! One signatory in the list: a plain <li>, so lists of thousands stay light. }}
<li class="signatory">{{#hasWebsite}}<a href="{{website}}" rel="nofollow noopener">{{name}}</a>{{/hasWebsite}}{{^hasWebsite}}{{name}}{{/hasWebsite}}{{#hasShortName}} ({{shortName}}){{/hasShortName}}{{#hasCountry}}<span class="country">, {{countryName}}</span>{{/hasCountry}}{{#hasPerson}}<span class="person"> — {{person}}{{#hasTitle}}, {{title}}{{/hasTitle}}</span>{{/hasPerson}}</li>

"""#

    /// `templates/statement.html.mustache`.
    static let statementHtml = #"""
{{% CONTENT_TYPE: HTML }}
{{! The statement as a complete HTML page. Every double-brace value is HTML-escaped; only
    bodyHTML, made safe by cmark-gfm, uses triple braces. Partials: signatory.html, style.css. }}
<!DOCTYPE html>
<html lang="{{language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{generator}}">
<title>{{title}}</title>
<style>
{{> style.css}}
</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to the statement</a>
{{#isPreview}}
<p class="preview"><strong>Preview: not published.</strong> This statement is {{status}}; its text and signatories may still change.</p>
{{/isPreview}}
<main id="main">
<article>
<header>
<h1>{{title}}</h1>
<p class="meta"><time datetime="{{dateISO}}">{{date}}</time> · {{issuer}}</p>
</header>
<div class="body">
{{{bodyHTML}}}
</div>
<section aria-labelledby="demands">
<h2 id="demands">Demands</h2>
{{#addressees}}
<h3 id="to-{{key}}">To {{name}}</h3>
<ul class="demands">
{{#demands}}
<li id="demand-{{key}}">{{text}}</li>
{{/demands}}
</ul>
{{/addressees}}
</section>
<section aria-labelledby="signatories">
<h2 id="signatories">Signatories</h2>
<p class="count">{{countLine}}</p>
{{#hasSignatories}}
<ul class="signatories">
{{#signatories}}
{{> signatory.html}}
{{/signatories}}
</ul>
{{/hasSignatories}}
{{#hasUnnamed}}
<p class="unnamed">{{unnamedLine}}</p>
{{/hasUnnamed}}
</section>
</article>
</main>
<footer>
<p>Version {{version}} · Made with {{generator}}</p>
</footer>
</body>
</html>

"""#

    /// `templates/statement.md.mustache`.
    static let statementMd = #"""
{{% CONTENT_TYPE: MARKDOWN }}
{{! The statement as Markdown, for GitHub and the press.
    Every double-brace value is Markdown-escaped by the content type above, so names show
    as typed. Only bodyMarkdown, the coordinator's own Markdown, uses triple braces. }}
# {{title}}

{{date}} · {{issuer}}

{{#isPreview}}
> **Preview: not published.** This statement is {{status}}; its text and signatories may still change.

{{/isPreview}}
{{{bodyMarkdown}}}

## Demands
{{#addressees}}

### To {{name}}

{{#demands}}
- {{text}}
{{/demands}}
{{/addressees}}

## Signatories

{{countLine}}
{{#hasSignatories}}

{{#signatories}}
- {{name}}{{#hasShortName}} ({{shortName}}){{/hasShortName}}{{#hasCountry}}, {{countryName}}{{/hasCountry}}{{#hasPerson}} — {{person}}{{#hasTitle}}, {{title}}{{/hasTitle}}{{/hasPerson}}
{{/signatories}}
{{/hasSignatories}}
{{#hasUnnamed}}

{{unnamedLine}}
{{/hasUnnamed}}

"""#

    /// `templates/style.css.mustache`.
    static let styleCss = #"""
{{! The page's stylesheet, inlined into statement.html so one file is the whole page. }}
:root {
  --text: #1a1a1a;
  --muted: #4a4a4a;
  --accent: #0b4f8a;
  --rule: #d4d4d4;
  --notice: #fff4ce;
  --notice-border: #7a5c00;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: Georgia, "Times New Roman", serif;
  font-size: 1.125rem;
  line-height: 1.6;
  color: var(--text);
  background: #fff;
}
main, footer, .preview {
  max-width: 42rem;
  margin-left: auto;
  margin-right: auto;
  padding-left: 1rem;
  padding-right: 1rem;
}
h1, h2, h3 {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.25;
}
h1 { font-size: 1.75rem; margin: 1.5rem 0 0.5rem; }
h2 { font-size: 1.375rem; margin-top: 2.5rem; }
h3 { font-size: 1.125rem; margin-top: 1.5rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip-link {
  position: absolute;
  left: 0.5rem;
  top: -4rem;
  padding: 0.5rem 1rem;
  background: #fff;
  border: 2px solid var(--accent);
}
.skip-link:focus { top: 0.5rem; }
.meta { color: var(--muted); margin-top: 0; }
.preview {
  margin-top: 1rem;
  padding-top: 0.75rem;
  padding-bottom: 0.75rem;
  background: var(--notice);
  border: 2px solid var(--notice-border);
}
.body table { border-collapse: collapse; }
.body th, .body td { border: 1px solid var(--rule); padding: 0.25rem 0.5rem; }
.demands li { margin: 0.25rem 0; }
.signatories { list-style: none; padding: 0; }
.signatory { padding: 0.375rem 0; border-bottom: 1px solid var(--rule); }
.country, .person { color: var(--muted); }
footer {
  margin-top: 3rem;
  padding-top: 1rem;
  padding-bottom: 2rem;
  border-top: 1px solid var(--rule);
  color: var(--muted);
  font-size: 0.9rem;
}
@media (min-width: 48rem) {
  body { font-size: 1.1875rem; }
  h1 { font-size: 2.25rem; }
}
@media print {
  .skip-link, nav { display: none; }
  body { font-size: 11pt; line-height: 1.4; color: #000; }
  main, footer, .preview { max-width: none; padding-left: 0; padding-right: 0; }
  a { color: #000; text-decoration: none; }
  h1, h2, h3 { break-after: avoid; }
  .signatory { break-inside: avoid; padding: 0.125rem 0; border-bottom: none; }
  .preview { background: none; border: 2px solid #000; padding: 0.5rem; }
  footer { margin-top: 1.5rem; }
}

"""#
}
