package floe.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.Bytes;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Amazon Ion text as DynamoDB writes it, and as other Ion writers do. */
class IonTextTest {
    @Test
    void readsDynamoDbsLineWithSetsDecimalsAndBlobs() throws IOException {
        IonText in = new IonText(
                new StringReader("$ion_1_0 {Item:{A:$dynamodb_SS::[\"x\"],Id:103.,'odd name':{{AQI=}},f:1.5d2,"
                        + " // a comment\n n:null, t:true, l:[1, \"s\"], m:{k:'''long''' '''er'''}}}\n{Item:{Id:1}}"));
        Map<String, AttributeValue> item = IonText.readStruct(((Map<?, ?>) in.next()).get("Item"));
        assertEquals(AttributeValue.ss("x"), item.get("A"));
        assertEquals(AttributeValue.n("103"), item.get("Id"));
        assertEquals(new AttributeValue.B(Bytes.of(new byte[] {1, 2})), item.get("odd name"));
        assertEquals(AttributeValue.n("150"), item.get("f"));
        assertEquals(AttributeValue.nul(), item.get("n"));
        assertEquals(AttributeValue.bool(true), item.get("t"));
        assertEquals(AttributeValue.l(AttributeValue.n(1), AttributeValue.s("s")), item.get("l"));
        assertEquals(AttributeValue.m(Map.of("k", AttributeValue.s("longer"))), item.get("m"));
        assertEquals(Map.of("Id", AttributeValue.n("1")), IonText.readStruct(((Map<?, ?>) in.next()).get("Item")));
        assertNull(in.next());
    }

    @Test
    void writesWhatItReads() throws IOException {
        Map<String, AttributeValue> item = Map.of(
                "big", AttributeValue.n("1E+100"),
                "small", AttributeValue.n("-0.000000000000000000000000000000000000000000001"),
                "ns", AttributeValue.ns("1", "2.5"),
                "bs", AttributeValue.bs(Bytes.of(new byte[] {9})),
                "null", AttributeValue.s("quote ' and \" and \\ and \n"));
        StringBuilder b = new StringBuilder();
        IonText.writeStruct(b, item);
        assertEquals(item, IonText.readStruct(new IonText(new StringReader(b.toString())).next()));
    }

    @Test
    void refusesWhatIsNotIon() {
        assertThrows(IOException.class, () -> new IonText(new StringReader("{a:")).next());
        assertThrows(IOException.class, () -> new IonText(new StringReader("{{not base64!}}")).next());
    }
}
