#include "selfservice/stylesheet.h"

#include "selfservice/cacheable.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

// The default accent (header, buttons, links, notices), its hover shade and its light tint:
// stylesheet_text() puts the school's colour in their place.
constexpr std::string_view kAccent = "#1a4f9c", kAccentDark = "#0f3566", kAccentTint = "#eef3fb";

// Phone first: one column that fits 320 px, larger type and spacing from 48rem up. Colours keep
// WCAG AA contrast on white (text 16:1, accent 8:1, error 6.5:1); every control is at least
// 24×24 px (buttons and choice rows 44 px high); keyboard focus shows a 3 px outline. Forms that
// only act (confirm, choose, sign, give a view, share) and the notices about what a button just
// did are left out of print; the content prints. Sides are logical (inline-start), so a
// right-to-left page (Arabic) mirrors the notices' bar and the lists' indent.
constexpr std::string_view kCss = R"css(*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1b1b1b;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
header.site{background:#1a4f9c;color:#fff;padding:.75rem 0}
header.site p{display:flex;align-items:center;gap:.75rem;max-width:40rem;margin:0 auto;padding:0 1rem;font-weight:700;font-size:1.05rem}
header.site img{flex:none;height:2.75rem;width:auto;max-width:45%;padding:.25rem;border-radius:.25rem;background:#fff}
main{display:block;max-width:40rem;margin:0 auto;padding:1rem 1rem 2rem}
h1{font-size:1.5rem;line-height:1.25;margin:.75rem 0 1rem}
h2{font-size:1.2rem;line-height:1.3;margin:1.75rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
p,ul,ol,dl{margin:.75rem 0}
li{margin:.25rem 0}
dt{font-weight:700}
dd{margin:0 0 .75rem}
a{color:#1a4f9c;text-decoration-thickness:.1em}
a:hover{color:#0f3566}
blockquote{margin:1rem 0;padding:.25rem 1rem;border-inline-start:.25rem solid #6b6b6b;background:#f5f5f5}
small{color:#4a4a4a}
form{margin:1.5rem 0}
fieldset{min-width:0;margin:1rem 0;padding:.5rem 1rem 1rem;border:1px solid #6b6b6b;border-radius:.5rem}
legend{padding:0 .25rem;font-weight:700}
label{display:block;margin:.75rem 0 .25rem;font-weight:700}
label.choice{display:flex;gap:.75rem;align-items:center;min-height:2.75rem;margin:0;padding:.25rem 0;font-weight:400;cursor:pointer}
input[type=radio],input[type=checkbox]{flex:none;width:1.5rem;height:1.5rem;margin:0;accent-color:#1a4f9c}
input[type=text],input[type=date],select,textarea{display:block;width:100%;max-width:100%;min-height:2.75rem;margin:0 0 .5rem;padding:.5rem;border:2px solid #5a5a5a;border-radius:.25rem;background:#fff;color:inherit;font:inherit}
textarea{min-height:8rem;resize:vertical}
button{display:inline-block;max-width:100%;min-height:2.75rem;margin:.5rem 0;padding:.5rem 1.25rem;border:2px solid #1a4f9c;border-radius:.375rem;background:#1a4f9c;color:#fff;font:inherit;font-weight:700;cursor:pointer}
button:hover{background:#0f3566;border-color:#0f3566}
button.secondary{background:#fff;color:#1a4f9c}
button.secondary:hover{background:#eef3fb}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.notice{margin:1rem 0;padding:.75rem 1rem;border-inline-start:.375rem solid #1a4f9c;background:#eef3fb}
.notice.success{border-color:#1e6b31;background:#edf7ef}
.notice.warning{border-color:#8a5a00;background:#fff6dc}
.error-summary{margin:1rem 0;padding:.75rem 1rem;border:3px solid #b3261e;border-radius:.25rem}
.error-summary h2{margin:0 0 .5rem;font-size:1.1rem}
.error-summary ul{margin:0;padding-inline-start:1.25rem}
.error-summary a{color:#b3261e;font-weight:700}
.field-error{margin:.25rem 0 .5rem;color:#b3261e;font-weight:700}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:#b3261e}
fieldset.invalid{border:3px solid #b3261e}
.status{font-weight:700}
.step{margin:.75rem 0;padding-top:.25rem;border-top:1px solid #c4c4c4}
form.languages{display:flex;flex-wrap:wrap;justify-content:flex-end;align-items:center;gap:.25rem 1rem;max-width:40rem;margin:0 auto;padding:.25rem 1rem}
form.languages span,form.languages button{min-height:2.75rem;margin:0;padding:.5rem .25rem;line-height:1.75rem}
form.languages span{font-weight:700}
form.languages button{border:0;background:none;color:#1a4f9c;font-weight:400;text-decoration:underline}
form.languages button:hover{background:none;color:#0f3566}
@media (min-width:48rem){main{padding:1.5rem 1rem 3rem}h1{font-size:1.875rem}header.site{padding:1rem 0}}
@media print{body{color:#000;font-size:11pt}header.site{padding:0 0 .25rem;background:none;color:#000;border-bottom:1px solid #000}header.site p{max-width:none;padding:0}main{max-width:none;padding:0}.actions,button,.notice,form.languages{display:none}a{color:#000}.error-summary{border:1px solid #000}input,select,textarea{border:1px solid #000}h2,h3{break-after:avoid}li,blockquote,dd{break-inside:avoid}}
)css";

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

// Each channel of "#rrggbb" moved towards `target` (0 black, 255 white) by `share`.
std::string mixed(std::string_view colour, int target, double share) {
  std::string out = "#";
  for (int at = 1; at < 7; at += 2) {
    const int c = std::stoi(std::string(colour.substr(at, 2)), nullptr, 16);
    out += fmt::format("{:02x}", static_cast<int>(c + (target - c) * share + 0.5));
  }
  return out;
}

}  // namespace

std::string stylesheet_text(std::string_view accent) {
  std::string css(kCss);
  if (accent.size() != 7 || accent == kAccent) return css;
  // The darker shade keeps hover text readable (darker only raises contrast on white); the tint
  // is a background under dark text.
  replace_all(css, kAccentDark, mixed(accent, 0, 0.35));
  replace_all(css, kAccentTint, mixed(accent, 255, 0.92));
  replace_all(css, kAccent, accent);
  return css;
}

std::string stylesheet_version(std::string_view accent) { return content_version(stylesheet_text(accent)); }

http::Response stylesheet(const http::Request& request, std::string_view accent) {
  // Public: it holds nothing personal. A week, then revalidated with the ETag.
  const auto css = stylesheet_text(accent);
  return cacheable(request, css, "text/css; charset=utf-8", content_version(css), "public, max-age=604800");
}

}  // namespace lobsync::selfservice
