#include "http/form.h"

#include <gtest/gtest.h>

namespace lobsync::http::form_test {
namespace {

TEST(Form, DecodesFieldsLikeABrowserSendsThem) {
  const auto form = parse_form("action=move&slot=1790000000&seq=2&note=a+b%26c%3D&&empty=");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->at("action"), "move");
  EXPECT_EQ(form->at("slot"), "1790000000");
  EXPECT_EQ(form->at("note"), "a b&c=");
  EXPECT_EQ(form->at("empty"), "");
  EXPECT_EQ(parse_form("a=1&a=2")->at("a"), "1");
  EXPECT_TRUE(parse_form("")->empty());
}

TEST(Form, RefusesMalformedBodies) {
  for (const char* bad : {"a=%zz", "a=%4", "=value", "a=%00", "%00=1"}) EXPECT_FALSE(parse_form(bad)) << bad;
}

TEST(Form, KnowsAFormByItsContentType) {
  Request r;
  EXPECT_FALSE(is_form(r));
  r.headers["content-type"] = "Application/X-WWW-Form-Urlencoded; charset=UTF-8";
  EXPECT_TRUE(is_form(r));
  r.headers["content-type"] = "multipart/form-data; boundary=x";
  EXPECT_FALSE(is_form(r));
}

}  // namespace
}  // namespace lobsync::http::form_test
