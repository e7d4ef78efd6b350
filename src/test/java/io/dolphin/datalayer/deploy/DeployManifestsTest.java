package io.dolphin.datalayer.deploy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.RestEndpointGroup;
import com.hazelcast.config.YamlConfigBuilder;
import io.dolphin.datalayer.common.MemberConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What can be checked of {@code deploy/} without Docker, Kubernetes, supervisord or Prometheus: every YAML parses,
 * the Kubernetes manifests are well-formed and agree with each other, the member configuration in the config map is
 * {@code hz-config/hazelcast.yaml} with only the network changed, no file holds a credential, the supervisord
 * programs are valid and stop gracefully, and the JMX exporter turns Hazelcast 5.5's real MBean names into the
 * metrics the alerts and the monitoring guide use.
 */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("deploy");
    private static final String NAMESPACE = "dolphin";

    private static Config hzConfig;
    private static Map<Path, List<Map<String, Object>>> yaml;

    @BeforeAll
    static void load() throws IOException {
        hzConfig = MemberConfigs.member(Map.of());
        yaml = new java.util.TreeMap<>();
        for (Path file : files(".yaml")) {
            yaml.put(file, loadAll(file));
        }
    }

    @Test
    void when_everyDeployYamlParsed_then_eachDocumentIsAMapping() {
        for (String required : List.of("kubernetes/namespace.yaml", "kubernetes/configmap-hz-config.yaml",
                "kubernetes/service-headless.yaml", "kubernetes/statefulset.yaml", "kubernetes/pdb.yaml",
                "kubernetes/job-submit.yaml", "kubernetes/secret-warm-store.example.yaml", "prometheus/jmx-exporter.yaml",
                "prometheus/alerts.yaml")) {
            assertTrue(yaml.containsKey(DEPLOY.resolve(required)), "missing deploy/" + required);
        }
        yaml.forEach((file, docs) -> assertFalse(docs.isEmpty(), file + " holds no YAML document"));
    }

    @Test
    void when_kubernetesManifestsRead_then_eachHasApiVersionKindNameAndOurNamespace() {
        for (Map.Entry<Path, List<Map<String, Object>>> e : kubernetesFiles().entrySet()) {
            for (Map<String, Object> doc : e.getValue()) {
                String where = e.getKey() + ": ";
                assertNotNull(doc.get("apiVersion"), where + "apiVersion");
                assertNotNull(doc.get("kind"), where + "kind");
                Map<String, Object> metadata = Yaml.map(doc, "metadata");
                assertNotNull(metadata.get("name"), where + "metadata.name");
                if (!"Namespace".equals(doc.get("kind"))) {
                    assertEquals(NAMESPACE, metadata.get("namespace"), where + "metadata.namespace");
                }
            }
        }
        Set<String> kinds = kubernetesFiles().values().stream().flatMap(List::stream).map(d -> (String) d.get("kind"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(kinds.containsAll(List.of("ConfigMap", "Job", "Namespace", "PodDisruptionBudget", "Secret", "Service",
                "ServiceAccount", "StatefulSet")), String.valueOf(kinds));
    }

    @Test
    void when_configMapHazelcastYamlLoaded_then_mapsJournalsJetAndMetricsEqualHzConfig() {
        Config k8s = kubernetesMemberConfig();

        assertEquals(hzConfig.getClusterName(), k8s.getClusterName());
        assertEquals(hzConfig.getMapConfigs().keySet(), k8s.getMapConfigs().keySet());
        for (String map : hzConfig.getMapConfigs().keySet()) {
            assertEquals(hzConfig.getMapConfig(map).getEventJournalConfig(), k8s.getMapConfig(map).getEventJournalConfig(),
                    "event journal of " + map);
            assertEquals(hzConfig.getMapConfig(map), k8s.getMapConfig(map), "map config of " + map);
        }
        assertEquals(hzConfig.getJetConfig(), k8s.getJetConfig());
        assertEquals(hzConfig.getMetricsConfig(), k8s.getMetricsConfig());
        assertEquals(hzConfig.getSqlConfig(), k8s.getSqlConfig());
        assertEquals(hzConfig.getProperties(), k8s.getProperties());
    }

    @Test
    void when_configMapHazelcastYamlLoaded_then_itDiscoversThroughTheHeadlessServiceAndServesHealthChecks() {
        Config k8s = kubernetesMemberConfig();
        JoinConfig join = k8s.getNetworkConfig().getJoin();
        Map<String, Object> service = kubernetesDoc("Service");

        assertTrue(join.getKubernetesConfig().isEnabled());
        assertFalse(join.getTcpIpConfig().isEnabled());
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.isAutoDetectionEnabled());
        assertEquals(Yaml.map(service, "metadata").get("name") + "." + NAMESPACE + ".svc.cluster.local",
                join.getKubernetesConfig().getProperty("service-dns"));
        assertFalse(k8s.getNetworkConfig().getInterfaces().isEnabled(), "a pod must not bind to loopback only");
        assertEquals(5701, k8s.getNetworkConfig().getPort());
        assertTrue(k8s.getNetworkConfig().getRestApiConfig().isEnabled());
        assertEquals(Set.of(RestEndpointGroup.HEALTH_CHECK), k8s.getNetworkConfig().getRestApiConfig().getEnabledGroups(),
                "only the health-check endpoints are opened");
        assertEquals("None", Yaml.map(service, "spec").get("clusterIP"));
        assertEquals(Boolean.TRUE, Yaml.map(service, "spec").get("publishNotReadyAddresses"));
    }

    @Test
    void when_statefulSetRead_then_itRunsThreeMembersThatStopGracefullyAndProbeHazelcastHealth() {
        Map<String, Object> sts = kubernetesDoc("StatefulSet");
        Map<String, Object> spec = Yaml.map(sts, "spec");
        Map<String, Object> pod = Yaml.map(Yaml.map(spec, "template"), "spec");
        Map<String, Object> member = Yaml.list(pod, "containers").get(0);

        assertEquals(3, spec.get("replicas"));
        assertEquals(Yaml.map(kubernetesDoc("Service"), "metadata").get("name"), spec.get("serviceName"));
        assertTrue(((Number) pod.get("terminationGracePeriodSeconds")).intValue() > gracefulShutdownSeconds() + 10,
                "Kubernetes must not SIGKILL a member during Hazelcast's graceful shutdown");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = (String) Yaml.map(Yaml.map(member, probe), "httpGet").get("path");
            assertTrue(path.startsWith("/hazelcast/health/"), probe + " " + path);
        }
        assertEquals("/hazelcast/health/cluster-safe", Yaml.map(Yaml.map(member, "readinessProbe"), "httpGet").get("path"));
        Map<String, Object> mount = Yaml.list(member, "volumeMounts").stream()
                .filter(m -> "/opt/dolphin/hz-config/hazelcast.yaml".equals(m.get("mountPath"))).findFirst().orElseThrow();
        Map<String, Object> volume = Yaml.list(pod, "volumes").stream()
                .filter(v -> v.get("name").equals(mount.get("name"))).findFirst().orElseThrow();
        Map<String, Object> configMap = kubernetesDoc("ConfigMap", "dolphin-hz-config");
        assertEquals(Yaml.map(configMap, "metadata").get("name"), Yaml.map(volume, "configMap").get("name"));
        assertTrue(Yaml.map(configMap, "data").containsKey((String) mount.get("subPath")));
        assertTrue(String.valueOf(member.get("env")).contains("-javaagent:/opt/dolphin/jmx/jmx_prometheus_javaagent.jar"));
        assertEnvSourcesExist(member);

        Map<String, Object> pdb = Yaml.map(kubernetesDoc("PodDisruptionBudget"), "spec");
        assertEquals(1, pdb.get("maxUnavailable"));
        assertEquals(Yaml.map(spec, "selector"), Yaml.map(pdb, "selector"));
    }

    @Test
    void when_submitJobRead_then_itRunsTheIdempotentSubmissionAgainstEveryMemberPod() {
        Map<String, Object> sts = kubernetesDoc("StatefulSet");
        Map<String, Object> pod = Yaml.map(Yaml.map(Yaml.map(kubernetesDoc("Job"), "spec"), "template"), "spec");
        Map<String, Object> submit = Yaml.list(pod, "containers").get(0);

        assertEquals(List.of("/opt/dolphin/deploy/bin/submit-when-ready"), submit.get("command"));
        String cluster = Yaml.list(submit, "env").stream().filter(e -> "DOLPHIN_CLUSTER".equals(e.get("name")))
                .map(e -> (String) e.get("value")).findFirst().orElseThrow();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < (int) Yaml.map(sts, "spec").get("replicas"); i++) {
            expected.add(Yaml.map(sts, "metadata").get("name") + "-" + i + "." + Yaml.map(sts, "spec").get("serviceName")
                    + "." + NAMESPACE + ".svc.cluster.local:5701");
        }
        assertEquals(expected, Stream.of(cluster.split(",")).map(String::strip).toList());
        assertEquals(Yaml.list(Yaml.map(Yaml.map(sts, "spec"), "template"), "spec", "containers").get(0).get("image"),
                submit.get("image"));
        assertEnvSourcesExist(submit);
    }

    @Test
    void when_kustomizationRead_then_itAppliesTheStandingStateButNeverTheExampleSecretOrTheSubmitJob() throws IOException {
        Map<String, Object> kustomization = loadAll(DEPLOY.resolve("kubernetes/kustomization.yaml")).get(0);
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) kustomization.get("resources");

        for (String r : resources) {
            assertTrue(Files.isRegularFile(DEPLOY.resolve("kubernetes").resolve(r)), r);
        }
        assertFalse(resources.contains("secret-warm-store.example.yaml"));
        assertFalse(resources.contains("job-submit.yaml"));
        Set<Path> listed = resources.stream().map(r -> DEPLOY.resolve("kubernetes").resolve(r)).collect(Collectors.toSet());
        for (Path file : kubernetesFiles().keySet()) {
            assertTrue(listed.contains(file) || file.endsWith("secret-warm-store.example.yaml")
                    || file.endsWith("job-submit.yaml"), file + " is neither applied by kustomize nor documented as left out");
        }
    }

    @Test
    void when_exampleSecretRead_then_everyValueIsAPlaceholder() {
        Map<String, Object> secret = kubernetesDoc("Secret");
        Map<String, Object> data = Yaml.map(secret, "stringData");

        assertEquals(Set.of("DOLPHIN_WARM_JDBC_URL", "DOLPHIN_WARM_USER", "DOLPHIN_WARM_PASSWORD"), data.keySet());
        data.forEach((k, v) -> assertTrue(String.valueOf(v).matches(".*<[^>]+>.*"), k + " is not a <placeholder>: " + v));
    }

    @Test
    void when_everyDeployFileScanned_then_noCredentialLiteral() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : files("")) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String problem = CredentialScanner.problem(lines.get(i));
                if (problem != null) {
                    findings.add(file + ":" + (i + 1) + ": " + problem);
                }
            }
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void when_credentialScannerGivenSecretsAndPlaceholders_then_flagsOnlyTheSecrets() {
        for (String secret : List.of("DOLPHIN_WARM_PASSWORD=hunter2", "  password: \"s3cr3t\"",
                "environment=DOLPHIN_WARM_PASSWORD=\"abc\"", "url: jdbc:clickhouse://dolphin:pw@db:8123/dolphin",
                "-H \"X-ClickHouse-Key: k\"", "pass " + "dolphin_ch_" + "2026")) {
            assertNotNull(CredentialScanner.problem(secret), secret);
        }
        for (String fine : List.of("# DOLPHIN_WARM_PASSWORD=<set-me>", "  DOLPHIN_WARM_PASSWORD: \"<set-me>\"",
                "DOLPHIN_WARM_PASSWORD=", "--from-literal=DOLPHIN_WARM_PASSWORD=\"$(cat /run/secret)\"",
                "jdbc:clickhouse://<clickhouse-host>:8123/dolphin", "- secretRef:")) {
            assertEquals(null, CredentialScanner.problem(fine), fine);
        }
    }

    @Test
    void when_supervisordConfsParsed_then_programsAreValidAndMembersStopGracefully() throws IOException {
        List<Path> confs = files(".conf");
        assertTrue(confs.containsAll(List.of(DEPLOY.resolve("supervisord/dolphin-hz.conf"),
                DEPLOY.resolve("single-host/dolphin-hz.conf"))), String.valueOf(confs));
        for (Path file : confs) {
            SupervisorConf conf = SupervisorConf.parse(file);
            Map<String, String> group = conf.sections().get("group:dolphin_hz");
            assertNotNull(group, file + ": no [group:dolphin_hz]");
            assertEquals(conf.programs().keySet(), Set.of(group.get("programs").split(",")), file + ": group programs");
            conf.programs().forEach((name, program) -> SupervisordChecks.program(file, name, program,
                    gracefulShutdownSeconds()));
        }
        SupervisorConf threeMembers = SupervisorConf.parse(DEPLOY.resolve("single-host/dolphin-hz.conf"));
        Map<String, String> member = threeMembers.programs().get("hz_member");
        assertEquals("3", member.get("numprocs"));
        assertTrue(member.get("process_name").contains("%(process_num)"), "three processes need three names");
        assertTrue(member.get("stdout_logfile").contains("%(process_num)"), "three processes need three logs");
        assertFalse(member.get("command").contains("--port"),
                "all members must share the base port 5701, or a member started on 5703 never finds 5701");
    }

    @Test
    void when_realHazelcastMBeansMatched_then_exporterRulesYieldTheDocumentedMetrics() {
        JmxExporterRules rules = new JmxExporterRules(yaml.get(DEPLOY.resolve("prometheus/jmx-exporter.yaml")).get(0));

        for (HazelcastMBeans.Sample s : HazelcastMBeans.SAMPLES) {
            assertEquals(s.expected(), rules.seriesFor(s.bean(), s.attribute()), s.bean() + "<>" + s.attribute());
        }
    }

    @Test
    void when_alertsAndGuideNameMetrics_then_theExporterProducesEachOne() throws IOException {
        JmxExporterRules rules = new JmxExporterRules(yaml.get(DEPLOY.resolve("prometheus/jmx-exporter.yaml")).get(0));
        Set<String> exported = HazelcastMBeans.SAMPLES.stream().map(s -> rules.seriesFor(s.bean(), s.attribute()))
                .filter(java.util.Objects::nonNull).map(JmxExporterRules::metricName).collect(Collectors.toSet());
        Pattern metric = Pattern.compile("\\b(hazelcast_[a-z0-9_]*[a-z0-9]|dolphin_(?:job|dead)_[a-z0-9_]*[a-z0-9])\\b");

        for (Path file : List.of(DEPLOY.resolve("prometheus/alerts.yaml"), DEPLOY.resolve("MONITORING.md"))) {
            Matcher m = metric.matcher(Files.readString(file));
            Set<String> unknown = new TreeSet<>();
            while (m.find()) {
                if (!exported.contains(m.group(1))) {
                    unknown.add(m.group(1));
                }
            }
            assertEquals(Set.of(), unknown, file + " names metrics the exporter does not produce");
        }
    }

    @Test
    void when_alertRulesRead_then_eachHasSeverityAndARunbookSectionInTheGuide() throws IOException {
        Set<String> anchors = Files.readAllLines(DEPLOY.resolve("MONITORING.md")).stream()
                .filter(l -> l.startsWith("#")).map(l -> l.replaceFirst("^#+\\s*", "").strip().toLowerCase()
                        .replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
        List<Map<String, Object>> groups = Yaml.list(yaml.get(DEPLOY.resolve("prometheus/alerts.yaml")).get(0), "groups");
        int alerts = 0;
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : Yaml.list(group, "rules")) {
                String name = (String) rule.get("alert");
                assertNotNull(rule.get("expr"), name);
                assertTrue(Set.of("warning", "critical").contains(Yaml.map(rule, "labels").get("severity")), name);
                String runbook = (String) Yaml.map(rule, "annotations").get("runbook");
                assertTrue(runbook.startsWith("deploy/MONITORING.md#"), name + ": " + runbook);
                assertTrue(anchors.contains(runbook.substring(runbook.indexOf('#') + 1)), name + ": no section " + runbook);
                alerts++;
            }
        }
        assertTrue(alerts >= 5, "job not running, dead letters, sink lag, journal fill, members below three");
    }

    @Test
    void when_dockerfileAndScriptsRead_then_everyCopiedPathAndEveryReferencedScriptExists() throws IOException {
        Pattern copy = Pattern.compile("^COPY (?!--from)(\\S+) ", Pattern.MULTILINE);
        Matcher m = copy.matcher(Files.readString(DEPLOY.resolve("kubernetes/Dockerfile")));
        List<String> sources = new ArrayList<>();
        while (m.find()) {
            sources.add(m.group(1));
        }
        assertTrue(sources.containsAll(List.of("pom.xml", "src", "bin", "hz-config", "sql", "deploy/bin",
                "deploy/prometheus/jmx-exporter.yaml")), String.valueOf(sources));
        for (String source : sources) {
            // jobs/ holds the descriptors the job issues add; everything else must exist on this branch already.
            assertTrue(source.equals("jobs") || Files.exists(Path.of(source)), "Dockerfile copies a missing " + source);
        }
        for (String script : List.of("deploy/bin/with-env", "deploy/bin/submit-when-ready")) {
            assertTrue(Files.isExecutable(Path.of(script)), script + " must be executable");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static int gracefulShutdownSeconds() {
        return Integer.parseInt(hzConfig.getProperty("hazelcast.graceful.shutdown.max.wait"));
    }

    private static Config kubernetesMemberConfig() {
        String text = (String) Yaml.map(kubernetesDoc("ConfigMap", "dolphin-hz-config"), "data").get("hazelcast.yaml");
        return new YamlConfigBuilder(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).build();
    }

    private static void assertEnvSourcesExist(Map<String, Object> container) {
        for (Map<String, Object> source : Yaml.list(container, "envFrom")) {
            String kind = source.containsKey("secretRef") ? "Secret" : "ConfigMap";
            String name = (String) Yaml.map(source, kind.equals("Secret") ? "secretRef" : "configMapRef").get("name");
            assertNotNull(kubernetesDoc(kind, name), kind + " " + name);
        }
    }

    private static Map<Path, List<Map<String, Object>>> kubernetesFiles() {
        Map<Path, List<Map<String, Object>>> k8s = new java.util.TreeMap<>(yaml);
        k8s.keySet().removeIf(p -> !p.startsWith(DEPLOY.resolve("kubernetes")) || p.endsWith("kustomization.yaml"));
        return k8s;
    }

    private static Map<String, Object> kubernetesDoc(String kind) {
        return kubernetesDoc(kind, null);
    }

    private static Map<String, Object> kubernetesDoc(String kind, String name) {
        return kubernetesFiles().values().stream().flatMap(List::stream)
                .filter(d -> kind.equals(d.get("kind")))
                .filter(d -> name == null || name.equals(Yaml.map(d, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + (name == null ? "" : name)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> loadAll(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        Load load = new Load(LoadSettings.builder().setLabel(file.toString()).build());
        for (Object doc : load.loadAllFromString(Files.readString(file))) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                fail(file + ": a document is not a mapping");
            }
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    /** Files under deploy/ whose name ends with {@code suffix} ("" for all). */
    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        }
    }
}
