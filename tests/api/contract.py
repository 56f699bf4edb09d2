"""The OpenAPI document as a contract: finds the documented response for a real answer and
validates its status, headers and JSON body with python3-jsonschema (OpenAPI 3.1 schemas are
JSON Schema 2020-12; every $ref is resolved against the whole document). Remembers which
documented responses were seen, so the test can tell which were never exercised.
"""

import json
import re

import jsonschema


class ContractError(AssertionError):
    pass


def media_type(content_type):
    return (content_type or "").split(";")[0].strip().lower()


class Contract:
    def __init__(self, text):
        self.text = text
        self.doc = json.loads(text)
        self.resolver = jsonschema.RefResolver(base_uri="", referrer=self.doc)
        self.seen = set()  # (template, method, response key)
        if "date" not in jsonschema.draft202012_format_checker.checkers:
            raise ContractError("this jsonschema does not check the date format")

    # --- the document --------------------------------------------------------------------

    def check_document(self):
        """Every schema in the document is a valid JSON Schema and every $ref resolves."""
        def walk(node, at):
            if isinstance(node, dict):
                if isinstance(node.get("$ref"), str):
                    try:
                        self.resolver.resolve(node["$ref"])
                    except jsonschema.RefResolutionError as e:
                        raise ContractError(f"{at}: $ref {node['$ref']} does not resolve: {e}")
                for key, value in node.items():
                    if key == "schema" or at.endswith("/components/schemas"):
                        try:
                            jsonschema.Draft202012Validator.check_schema(value)
                        except jsonschema.SchemaError as e:
                            raise ContractError(f"{at}/{key}: not a valid schema: {e.message}")
                    walk(value, f"{at}/{key}")
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{at}/{i}")
        expect_version = self.doc.get("openapi", "")
        if not expect_version.startswith("3.1."):
            raise ContractError(f"openapi {expect_version!r}: the test reads schemas as OpenAPI 3.1 (JSON Schema 2020-12)")
        walk(self.doc, "")

    def resolve(self, node):
        """An object of the document with its $ref followed (responses, headers, parameters)."""
        while isinstance(node, dict) and "$ref" in node and len(node) == 1:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def operations(self):
        """Every documented (template, METHOD)."""
        out = set()
        for template, item in self.doc["paths"].items():
            for method in item:
                if method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
                    out.add((template, method.upper()))
        return out

    def operation(self, template, method):
        op = self.doc["paths"].get(template, {}).get(method.lower())
        if op is None:
            raise ContractError(f"{method} {template} is not in the document")
        return op

    def responses(self):
        """Every documented (template, METHOD, status or 'default')."""
        return {(t, m, key) for t, m in self.operations() for key in self.operation(t, m)["responses"]}

    def validator(self, schema):
        # Formats are asserted too, not only noted as annotations; "date" needs no extra package.
        return jsonschema.Draft202012Validator(schema, resolver=self.resolver,
                                               format_checker=jsonschema.draft202012_format_checker)

    def errors(self, schema, value):
        return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                for e in self.validator(schema).iter_errors(value)]

    # --- requests and answers ------------------------------------------------------------

    def request_errors(self, template, method, body):
        """What the documented request body schema finds wrong with `body` (empty: valid)."""
        content = self.resolve(self.operation(template, method)["requestBody"])["content"]
        return self.errors(content["application/json"]["schema"], body)

    def check(self, template, method, answer):
        """Validates a real answer (status, headers, body); returns the parsed JSON body."""
        where = f"{method} {template} -> {answer.status}"
        responses = self.operation(template, method)["responses"]
        key = str(answer.status) if str(answer.status) in responses else "default"
        if key not in responses:
            raise ContractError(f"{where}: status not documented (and no default)")
        documented = self.resolve(responses[key])
        # `default` stands for the server's own answers, which its description lists; a status a
        # handler gives must be documented by itself.
        if key == "default" and str(answer.status) not in re.findall(r"\b[1-5][0-9][0-9]\b", documented["description"]):
            raise ContractError(f"{where}: status not documented (the default answer does not name it)")
        headers = documented.get("headers", {})
        for name, header in headers.items():
            header = self.resolve(header)
            value = answer.header(name)
            if value is None:
                if header.get("required"):
                    raise ContractError(f"{where}: documented header {name} missing")
                continue
            problems = self.errors(header["schema"], value)
            if problems:
                raise ContractError(f"{where}: header {name}: {value!r}: {problems}")
        if "Cache-Control" not in headers and answer.header("Cache-Control") != "no-store":
            raise ContractError(f"{where}: Cache-Control {answer.header('Cache-Control')!r}, not no-store")
        body = None
        content = documented.get("content")
        if content is None:
            if answer.body:
                raise ContractError(f"{where}: no body documented, got {answer.body[:200]!r}")
        else:
            kind = media_type(answer.header("Content-Type"))
            if kind not in content:
                raise ContractError(f"{where}: Content-Type {answer.header('Content-Type')!r} not documented")
            try:
                body = json.loads(answer.body)
            except ValueError as e:
                raise ContractError(f"{where}: body is not JSON ({e}): {answer.body[:200]!r}")
            problems = self.errors(content[kind]["schema"], body)
            if problems:
                raise ContractError(f"{where}: body does not match the schema:\n  " + "\n  ".join(problems[:10])
                                    + f"\nbody: {json.dumps(body)[:1500]}")
        self.seen.add((template, method, key))
        return body
