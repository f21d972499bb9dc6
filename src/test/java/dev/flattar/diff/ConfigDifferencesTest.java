package dev.flattar.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Difference;
import dev.flattar.testing.TestJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Config fields compared; what flattening rewrites left out unless asked. */
class ConfigDifferencesTest {
  @ParameterizedTest(name = "{0} vs {1}, all={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'config':{'Env':['A=1']}}|{'config':{'Env':['A=2']}}|false|/config/Env",
        "{'config':{'Labels':{'a':'1'}}}|{'config':{'Labels':{'a':'1','b':'2'}}}|false|/config/Labels/b",
        "{'config':{'User':'x'}}|{'config':{}}|false|/config/User",
        "{'architecture':'amd64'}|{'architecture':'arm64'}|false|/architecture",
        "{'rootfs':{'diff_ids':['a']}}|{'rootfs':{'diff_ids':['b']}}|false|",
        "{'rootfs':{'diff_ids':['a']}}|{'rootfs':{'diff_ids':['b']}}|true|/rootfs/diff_ids",
        "{'created':'1'}|{'created':'2'}|false|",
        "{'history':[1]}|{'history':[1,2]}|false|",
        "{'history':[1]}|{'history':[1,2]}|true|/history",
        "{'a/b':1}|{'a/b':2}|false|/a~1b",
        "{'x':1}|{'x':1}|true|",
      })
  void differingFields_areNamedByPointer(String a, String b, boolean all, String pointer) {
    var d = ConfigDifferences.of(json(a), json(b), all);

    if (pointer == null) {
      assertThat(d).isEmpty();
    } else {
      assertThat(d).extracting(Difference::path).containsExactly(pointer);
    }
  }

  private static ObjectNode json(String relaxed) {
    try {
      return (ObjectNode) TestJson.MAPPER.readTree(relaxed.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
