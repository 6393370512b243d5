package dev.caretaker.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private static final JsonNode DATA = Json.read(Definitions.json(
            "{'stack':{'name':'app','tags':['a','b']},'nothing':null}"), JsonNode.class);
    private static final JsonNode CONTEXT = Json.read(Definitions.json(
            "{'Execution':{'Name':'deploy-1','Id':'arn:aws:states:eu-west-1:123456789012:execution:m:deploy-1'}}"), JsonNode.class);

    private static String read(String path) {
        return JsonPath.parse(path).read(DATA, CONTEXT).map(JsonNode::toString).orElse("<missing>");
    }

    @Test
    void selectsOneNode_whenPathUsesFieldsIndexesOrTheContextObject() {
        assertThat(read("$")).isEqualTo(DATA.toString());
        assertThat(read("$.stack.name")).isEqualTo("\"app\"");
        assertThat(read("$.stack.tags[1]")).isEqualTo("\"b\"");
        assertThat(read("$$.Execution.Name")).isEqualTo("\"deploy-1\"");
        assertThat(read("$$")).isEqualTo(CONTEXT.toString());
    }

    @Test
    void findsNothing_whenAStepIsMissingOrOfTheWrongKind() {
        assertThat(read("$.stack.owner")).isEqualTo("<missing>");
        assertThat(read("$.stack.tags[2]")).isEqualTo("<missing>");
        assertThat(read("$.stack.name.first")).isEqualTo("<missing>");
        assertThat(read("$.stack[0]")).isEqualTo("<missing>");
    }

    @Test
    void findsJsonNull_whenTheFieldIsPresentAndNull() {
        assertThat(read("$.nothing")).isEqualTo("null");
    }

    @Test
    void refusesWithTheReason_whenPathIsOutsideTheStepFunctionsSubset() {
        assertThatThrownBy(() -> JsonPath.parse("stack.name")).hasMessageContaining("a path starts with $");
        assertThatThrownBy(() -> JsonPath.parse("$.stack.tags[-1]")).hasMessageContaining("'[-1]' is a negative index");
        assertThatThrownBy(() -> JsonPath.parse("$.stack.tags[0:1]")).hasMessageContaining("'[0:1]' is a slice");
        assertThatThrownBy(() -> JsonPath.parse("$['stack']")).hasMessageContaining("bracket field names");
        assertThatThrownBy(() -> JsonPath.parse("$.stack.*")).hasMessageContaining("'*' (wildcard)");
        assertThatThrownBy(() -> JsonPath.parse("$.stack.")).hasMessageContaining("must be followed by a field name");
    }
}
