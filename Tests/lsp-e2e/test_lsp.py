"""End-to-end test of `vmt-dsl lsp` under an independent client (pytest-lsp, on pygls).

The issue's "done when", in a real client: opening scenarios.d/lab/money_lab_rich.vmt shows
no diagnostics, hovering its `extends` shows the parent chain, go-to-definition lands on the
parent's `scenario` line, `regime mi` completes to both regimes starting with `mi`, and
setting the parent's `agents` to 0 publishes an error for the parent and one for each child.
pytest-lsp also checks every message against the LSP specification (warnings are errors here).

Run by .ci/run: `VMT_DSL=.build/debug/vmt-dsl python3 -m pytest Tests/lsp-e2e`.
"""
import asyncio
import atexit
import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("VMT_DSL", str(REPOSITORY / ".build" / "debug" / "vmt-dsl"))
PROJECT = pathlib.Path(tempfile.mkdtemp(prefix="vmt-lsp-e2e-")) / "scenarios.d"
shutil.copytree(REPOSITORY / "scenarios.d", PROJECT)
atexit.register(shutil.rmtree, PROJECT.parent, ignore_errors=True)
LAB = PROJECT / "lab" / "money_lab.vmt"
RICH = PROJECT / "lab" / "money_lab_rich.vmt"
POOR = PROJECT / "lab" / "money_lab_poor.vmt"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=pytest_lsp.client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, path: pathlib.Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="vmt", version=1,
                                                 text=path.read_text() if text is None else text)
        )
    )
    return uri


async def wait_for_diagnostics(client: LanguageClient, uris: list[str]) -> None:
    for _ in range(100):
        if all(uri in client.diagnostics for uri in uris):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics for {[u for u in uris if u not in client.diagnostics]}")


async def test_rich_lab_opens_clean_and_navigates_to_its_parent(client: LanguageClient):
    uri = open_document(client, RICH)
    await wait_for_diagnostics(client, [uri])
    assert list(client.diagnostics[uri]) == []

    extends = types.Position(line=1, character=10)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=extends))
    assert hover is not None
    assert "chain: `lab/money_lab_rich.vmt` → `lab/money_lab.vmt` → preset mixed_economy" in hover.contents.value

    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=extends))
    location = definition[0] if isinstance(definition, list) else definition
    assert location.uri == LAB.as_uri()
    assert LAB.read_text().splitlines()[location.range.start.line].startswith("scenario money_lab")


async def test_regime_completion(client: LanguageClient):
    uri = open_document(client, RICH, RICH.read_text() + "regime mi")
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri),
                               position=types.Position(line=5, character=9)))
    items = result.items if isinstance(result, types.CompletionList) else result
    assert [item.label for item in items] == ["mixed", "mixed_liquidity_gated"]


async def test_parent_change_rediagnoses_closed_children(client: LanguageClient):
    uri = open_document(client, LAB)
    await wait_for_diagnostics(client, [uri])
    text = LAB.read_text().replace("agents 24", "agents 0")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    children = [RICH.as_uri(), POOR.as_uri()]
    await wait_for_diagnostics(client, children)
    for _ in range(100):
        if client.diagnostics[uri]:
            break
        await asyncio.sleep(0.05)
    parent = client.diagnostics[uri]
    assert [d.severity for d in parent] == [types.DiagnosticSeverity.Error]
    assert parent[0].range.start.line == 5 and parent[0].code.startswith("VMT")
    for child in children:
        assert [d.severity for d in client.diagnostics[child]] == [types.DiagnosticSeverity.Error]
        assert "money_lab" in client.diagnostics[child][0].message


async def test_formatting_and_unknown_method(client: LanguageClient):
    uri = open_document(client, PROJECT / "lab" / "messy.vmt", "agents   30\nextends money_lab\n")
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                       options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
    assert [edit.new_text for edit in edits] == ["extends money_lab\nagents 30\n"]
    with pytest.raises(Exception, match="unknown method"):
        await client.protocol.send_request_async("vmt/unknown", {})
