<?xml version="1.0" encoding="UTF-8"?>
<!-- Page outline and text structure: teiCorpus, group, text, front/body/back, divisions and their heads, floatingText, titlePage; the table of contents. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:e="urn:editio"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl e">

  <xsl:template match="/">
    <xsl:variable name="root" select="tei:TEI | tei:teiCorpus"/>
    <html>
      <xsl:if test="$root/@xml:id"><xsl:attribute name="id"><xsl:value-of select="$root/@xml:id"/></xsl:attribute></xsl:if>
      <xsl:attribute name="lang"><xsl:value-of select="$doc-lang"/></xsl:attribute>
      <xsl:variable name="dir"><xsl:call-template name="direction"><xsl:with-param name="tag" select="$doc-lang"/></xsl:call-template></xsl:variable>
      <xsl:if test="$dir = 'rtl'"><xsl:attribute name="dir">rtl</xsl:attribute></xsl:if>
      <xsl:call-template name="html-head"/>
      <body>
        <xsl:call-template name="titlepage"/>
        <xsl:call-template name="imprint"/>
        <xsl:call-template name="toc"/>
        <main id="{$id-text}" class="text">
          <xsl:if test="$text-lang != $doc-lang">
            <xsl:attribute name="lang"><xsl:value-of select="$text-lang"/></xsl:attribute>
            <xsl:variable name="text-dir"><xsl:call-template name="direction"><xsl:with-param name="tag" select="$text-lang"/></xsl:call-template></xsl:variable>
            <xsl:variable name="doc-dir"><xsl:call-template name="direction"><xsl:with-param name="tag" select="$doc-lang"/></xsl:call-template></xsl:variable>
            <xsl:if test="$text-dir != $doc-dir"><xsl:attribute name="dir"><xsl:value-of select="$text-dir"/></xsl:attribute></xsl:if>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="tei:teiCorpus"><xsl:apply-templates select="tei:teiCorpus/tei:TEI | tei:teiCorpus/tei:teiCorpus"/></xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="correspondence"><xsl:with-param name="header" select="tei:TEI/tei:teiHeader"/></xsl:call-template>
              <xsl:apply-templates select="tei:TEI/tei:text"/>
              <xsl:apply-templates select="tei:TEI/tei:sourceDoc"/>
              <xsl:apply-templates select="tei:TEI/tei:standOff" mode="main"/>
              <xsl:apply-templates select="tei:TEI/tei:TEI"/>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <xsl:call-template name="notes-section"/>
        <xsl:call-template name="participants-section"/>
        <xsl:call-template name="register-section"/>
        <xsl:call-template name="index-section"/>
        <xsl:call-template name="interventions-section"/>
        <xsl:call-template name="about-section"/>
      </body>
    </html>
  </xsl:template>

  <!-- One text of a corpus: its own title as heading. (A TEI document may also hold its
       texts as TEI elements of its own, as a corpus does.) -->
  <xsl:template match="tei:teiCorpus/tei:TEI | tei:teiCorpus/tei:teiCorpus | tei:TEI/tei:TEI">
    <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
    <section class="tei-text" data-level="1">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="$level"/>
        <xsl:with-param name="content">
          <xsl:call-template name="title-of"><xsl:with-param name="header" select="tei:teiHeader"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="correspondence"><xsl:with-param name="header" select="tei:teiHeader"/></xsl:call-template>
      <xsl:apply-templates select="tei:text | tei:sourceDoc | tei:TEI | tei:teiCorpus"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:text">
    <div class="tei-text-body">
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <div class="{local-name()}">
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:group">
    <xsl:call-template name="division"/>
  </xsl:template>
  <xsl:template match="tei:group/tei:text">
    <xsl:call-template name="division"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <xsl:call-template name="division"/>
  </xsl:template>

  <!-- A division without a heading that holds verse only (Syriac hymns number their
       stanzas and refrain as div type="section" n="1"…, div type="response"): a stanza,
       set apart from the next as stanzas are, and no entry of the contents (twenty
       "Section N" entries named nothing a reader sees). -->
  <xsl:key name="verse-part" use="generate-id()" match="tei:div[not(tei:head[normalize-space(.) != ''])][tei:l or tei:lg]
      [not(*[not(self::tei:l or self::tei:lg or self::tei:note or self::tei:milestone or self::tei:pb or self::tei:lb or self::tei:cb or self::tei:fw or self::tei:anchor)])]"/>

  <!-- A division: section with its heading when it has a head, else a div (a section
       without a heading is not a meaningful section). -->
  <xsl:template name="division">
    <xsl:variable name="heads" select="tei:head[normalize-space(.) != '' or .//tei:graphic]"/>
    <!-- a part headed by what it is (an abstract…) gets that heading when it has none -->
    <xsl:variable name="supplied" select="not($heads) and (self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
        or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7)
        and contains($headed-parts, concat(' ', translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' '))"/>
    <xsl:variable name="depth" select="count(ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2
        or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7
        or self::tei:group or self::tei:floatingText]) + 1"/>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="$heads or $supplied">section</xsl:when>
        <xsl:otherwise>div</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:attribute name="class">
        <xsl:text>div</xsl:text>
        <xsl:if test="@type"><xsl:value-of select="concat(' div-', translate(normalize-space(@type), ' ', '-'))"/></xsl:if>
        <xsl:if test="key('verse-part', generate-id())"> verse-part</xsl:if>
      </xsl:attribute>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:attribute name="data-level"><xsl:value-of select="$depth"/></xsl:attribute>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
      <!-- A part of a reference system without a heading (Perseus' and the CTS texts'
           chapters and sections, div type="textpart" subtype="section" n="3"; a novel's
           chapter given only its number): its number is shown where its text begins, as
           printed classical texts and Bibles show it (hub.tree.number_parts puts it in
           the first paragraph; constructs/transcription draws it, as a milestone's). -->
      <xsl:variable name="kind" select="translate(normalize-space(@type[not(. = 'textpart' and normalize-space(../@subtype) != '')] | @subtype[../@type = 'textpart']),
          'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
      <xsl:variable name="number" select="normalize-space(@n)"/>
      <xsl:if test="not($heads or $supplied) and $number != '' and not(contains($number, ':')) and string-length($number) &lt;= 10">
        <xsl:choose>
          <xsl:when test="contains(' book part chapter capitulum caput canto poem fragment testimonium ', concat(' ', $kind, ' '))">
            <xsl:attribute name="data-number">major</xsl:attribute>
          </xsl:when>
          <xsl:when test="contains(' section subsection paragraph para verse article card entry ', concat(' ', $kind, ' '))">
            <xsl:attribute name="data-number">minor</xsl:attribute>
          </xsl:when>
        </xsl:choose>
      </xsl:if>
      <xsl:if test="$supplied">
        <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
        <xsl:variable name="label"><xsl:call-template name="division-label"/></xsl:variable>
        <xsl:call-template name="heading">
          <xsl:with-param name="level" select="number($level)"/>
          <xsl:with-param name="content" select="$label"/>
          <xsl:with-param name="class" select="'head editorial'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Parts of a book or an article that are headed by what they are, whether the source
       prints that heading or the publisher adds it: an abstract, a bibliography, the
       acknowledgements, a glossary. Without a head of their own they get it, in the
       document's language, as the edition's words (h.head.editorial, as the cast list's
       "Dramatis Personae"); their kind is also their label in the contents, unnumbered. -->
  <!-- (a letter's translation after its original, as bilingual letter editions give it,
       is headed "Translation" in its own language: without it the letter seemed to
       begin again) -->
  <xsl:variable name="headed-parts" select="' abstract bibliography acknowledgements acknowledgments glossary translation '"/>
  <!-- Parts that a book has once: their label takes a number only when there are several
       of them side by side ("Appendix 2"), never "Preface 1". -->
  <xsl:variable name="single-parts" select="concat($headed-parts, 'prologue epilogue preface appendix ')"/>

  <!-- A place where a processor is to generate a division (divGen: contents, index): the
       edition makes its contents and indexes itself, in their places. -->
  <xsl:template match="tei:divGen"/>

  <!-- The first non-empty head of a division is its heading; further heads are
       subheadings, except those that continue its words (see head-continuations): they
       are lines of the heading. -->
  <xsl:template match="tei:div/tei:head | tei:div1/tei:head | tei:div2/tei:head | tei:div3/tei:head | tei:div4/tei:head
      | tei:div5/tei:head | tei:div6/tei:head | tei:div7/tei:head | tei:group/tei:head | tei:listBibl/tei:head | tei:castList/tei:head">
    <xsl:variable name="first" select="preceding-sibling::tei:head[normalize-space(.) != '' or .//tei:graphic][last()]"/>
    <xsl:choose>
      <xsl:when test="normalize-space(.) = '' and not(.//tei:graphic)">
        <xsl:if test="node()"><span class="head-empty"><xsl:call-template name="atts"/><xsl:apply-templates/></span></xsl:if>
      </xsl:when>
      <xsl:when test="$first and not(@type) and preceding-sibling::*[1][self::tei:head]">
        <xsl:variable name="continued"><xsl:for-each select="$first"><xsl:call-template name="head-continuations"/></xsl:for-each></xsl:variable>
        <xsl:if test="count(preceding-sibling::tei:head[normalize-space(.) != '' or .//tei:graphic]) &gt; number($continued)">
          <p class="subhead">
            <xsl:call-template name="atts"/>
            <xsl:apply-templates/>
          </p>
        </xsl:if>
      </xsl:when>
      <xsl:when test="not($first)">
        <xsl:variable name="level"><xsl:call-template name="heading-level"><xsl:with-param name="node" select=".."/></xsl:call-template></xsl:variable>
        <xsl:variable name="continued"><xsl:call-template name="head-continuations"/></xsl:variable>
        <xsl:variable name="content">
          <xsl:apply-templates/>
          <!-- (a heading set on several lines, "EXPOSTULATION" / "AND" / "REPLY.": one
               heading, its lines kept) -->
          <xsl:for-each select="following-sibling::tei:head[position() &lt;= number($continued)]">
            <xsl:text> </xsl:text><br/><span class="head-line"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
          </xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="heading">
          <xsl:with-param name="level" select="number($level)"/>
          <xsl:with-param name="content" select="$content"/>
          <xsl:with-param name="node" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p class="subhead">
          <xsl:call-template name="atts"/>
          <xsl:apply-templates/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:floatingText">
    <div class="floatingText">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>
  <xsl:template match="tei:floatingText/tei:body | tei:floatingText/tei:front | tei:floatingText/tei:back">
    <div class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></div>
  </xsl:template>

  <!-- Front matter of the TEI text itself (titlePage, docTitle...): not headings, the
       page has one h1 (the edition title). -->
  <xsl:template match="tei:titlePage">
    <div class="titlePage"><xsl:call-template name="atts"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:docTitle | tei:docImprint | tei:docEdition | tei:imprimatur">
    <div class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:titlePart | tei:byline | tei:docAuthor[not(parent::tei:byline)] | tei:docDate[not(parent::tei:docImprint)]
      | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:argument/tei:p">
    <xsl:variable name="flow"><xsl:call-template name="block-here"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <p class="{local-name()}"><xsl:call-template name="atts"/><xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:docAuthor | tei:docDate">
    <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- How many of the heads right after this one continue its words, as a title set on
       several lines does: "EXPOSTULATION" / "AND" / "REPLY.", "THE" / "LAST OF THE FLOCK."
       A head continues the one before it when that one is a single word (not a number:
       "VI" / "The Storm" are a number and a title) ending without punctuation; a head
       with a @type (a subtitle) never does. "CHAPTER XXXII" / "The Wooden Midshipman"
       and "ANIMAL TRANQUILLITY &amp; DECAY" / "A SKETCH." stay a heading and a subheading. -->
  <xsl:template name="head-continuations">
    <xsl:param name="count" select="0"/>
    <xsl:variable name="piece" select="normalize-space(.)"/>
    <xsl:variable name="next" select="following-sibling::*[1][self::tei:head][not(@type)][normalize-space(.) != '']"/>
    <xsl:choose>
      <xsl:when test="$next and $count &lt; 5 and not(contains($piece, ' '))
          and not(contains('.,;:!?&#x2026;)]&#x201D;&#x2019;', substring($piece, string-length($piece))))
          and translate($piece, 'IVXLCDMivxlcdm0123456789', '') != ''">
        <xsl:for-each select="$next">
          <xsl:call-template name="head-continuations">
            <xsl:with-param name="count" select="$count + 1"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$count"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The words of a division's heading, as the contents and the running heads name it:
       its first non-empty head with the heads that continue it (head-continuations). -->
  <xsl:template name="heading-words">
    <xsl:variable name="first-head" select="(tei:head[normalize-space(.) != ''])[1]"/>
    <xsl:variable name="continued"><xsl:for-each select="$first-head"><xsl:call-template name="head-continuations"/></xsl:for-each></xsl:variable>
    <xsl:apply-templates select="$first-head" mode="plain"/>
    <xsl:for-each select="$first-head/following-sibling::tei:head[position() &lt;= number($continued)]">
      <xsl:text> </xsl:text><xsl:apply-templates select="." mode="plain"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============ table of contents ============ -->
  <xsl:template name="toc">
    <xsl:variable name="items">
      <xsl:choose>
        <xsl:when test="tei:teiCorpus">
          <xsl:apply-templates select="tei:teiCorpus/tei:TEI | tei:teiCorpus/tei:teiCorpus" mode="toc"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="tei:TEI/tei:text" mode="toc-children"/>
          <xsl:apply-templates select="tei:TEI/tei:sourceDoc[normalize-space(.) != '' or .//tei:graphic]" mode="toc"/>
          <xsl:apply-templates select="tei:TEI/tei:standOff/tei:listBibl[tei:head[normalize-space(.) != '']]" mode="toc"/>
          <xsl:apply-templates select="tei:TEI/tei:TEI" mode="toc"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <nav id="{$id-toc}" class="toc" role="doc-toc" aria-labelledby="{$id-toc}-heading">
      <h2 id="{$id-toc}-heading"><xsl:value-of select="$L[@k = 'contents']"/></h2>
      <ol>
        <xsl:copy-of select="$items"/>
        <xsl:call-template name="toc-back-matter"/>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template match="tei:sourceDoc" mode="toc">
    <li><a><xsl:attribute name="href">#<xsl:call-template name="id-value"/></xsl:attribute><xsl:value-of select="$L[@k = 'source-document']"/></a></li>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="toc">
    <li>
      <a>
        <xsl:attribute name="href">#<xsl:call-template name="id-value"/></xsl:attribute>
        <xsl:call-template name="title-of"><xsl:with-param name="header" select="tei:teiHeader"/></xsl:call-template>
      </a>
      <xsl:variable name="sub"><xsl:apply-templates select="tei:text" mode="toc-children"/><xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="toc"/></xsl:variable>
      <xsl:if test="string($sub) != ''"><ol><xsl:copy-of select="$sub"/></ol></xsl:if>
    </li>
  </xsl:template>

  <!-- Divisions below a node, in document order, nested. -->
  <xsl:template match="*" mode="toc-children">
    <xsl:apply-templates mode="toc" select="tei:front/* | tei:body/* | tei:back/* | tei:group
        | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:text
        | tei:lg | tei:castList | tei:listBibl"/>
  </xsl:template>
  <!-- a poem with a title, a cast list, a headed bibliography and the back matter's lists of
       persons, places and works are entries of the contents too -->
  <xsl:template mode="toc" match="tei:lg[tei:head[normalize-space(.) != '']] | tei:castList[not(ancestor::tei:castList)]
      | tei:listBibl[tei:head[normalize-space(.) != ''] or parent::tei:back]
      | tei:back/tei:listPerson | tei:back/tei:listPlace | tei:back/tei:listOrg">
    <li>
      <a>
        <xsl:attribute name="href">#<xsl:call-template name="id-value"/></xsl:attribute>
        <xsl:variable name="head"><xsl:call-template name="heading-words"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="normalize-space($head) != ''"><xsl:value-of select="normalize-space($head)"/></xsl:when>
          <xsl:when test="self::tei:listBibl"><xsl:value-of select="$L[@k = 'div-bibliography']"/></xsl:when>
          <xsl:when test="not(self::tei:castList)"><xsl:call-template name="list-kind"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$L[@k = 'cast']"/></xsl:otherwise>
        </xsl:choose>
      </a>
      <!-- (a bibliography's headed sections, each work with its reviews and editions, are
           its entries: one entry named 141 lists) -->
      <xsl:if test="self::tei:listBibl and tei:listBibl[tei:head[normalize-space(.) != '']]">
        <ol><xsl:apply-templates select="tei:listBibl[tei:head[normalize-space(.) != '']]" mode="toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>
  <xsl:template match="*" mode="toc"/>
  <!-- (A division without a heading or a number, of a kind editio has no word for — a
       letter's "dateline" and "closer", a newspaper's "cable" after "cable" — is no entry
       of the contents: its label would be the same bare word, once per division; what it
       holds with headings is listed in its place. So is one of no kind in the front or
       back matter (a page of a book's imprint, a frontispiece) or one that only wraps
       headed divisions: "Section 1" named nothing a reader looks for.) -->
  <xsl:template mode="toc" match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:group | tei:group/tei:text">
    <xsl:variable name="kind" select="translate(normalize-space(@type[not(. = 'textpart' and normalize-space(../@subtype) != '')] | @subtype[../@type = 'textpart']),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <!-- (a group of texts without a heading or title page of its own is its texts) -->
      <xsl:when test="self::tei:group and not(tei:head[normalize-space(.) != ''] or tei:titlePage or tei:front/tei:titlePage)">
        <xsl:apply-templates select="." mode="toc-children"/>
      </xsl:when>
      <xsl:when test="(not(self::tei:group or self::tei:text) and not(tei:head[normalize-space(.) != ''])
            and not(tei:titlePage) and normalize-space(@n) = '' and not($L[@k = concat('div-', $kind)])
            and ($kind != '' or ancestor::tei:front or ancestor::tei:back or .//tei:head[normalize-space(.) != '']))
          or $kind = 'card' or key('verse-part', generate-id())
          or (not(self::tei:group or self::tei:text) and $kind = '' and normalize-space(@n) = ''
              and not(tei:head[normalize-space(.) != ''] or tei:titlePage)
              and not(../*[local-name() = local-name(current())][count(. | current()) = 2]))
          or (not(tei:head[normalize-space(.) != '']) and not(.//tei:head[normalize-space(.) != ''])
              and parent::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6]
                  [not(tei:head[normalize-space(.) != ''])][normalize-space(@n) != ''][not(contains(@n, ':'))])">
        <!-- (nor is the one division of its part, without a heading, kind or number: a
             letter's text wrapped in a div was listed as "Section 1", naming nothing) -->
        <!-- (nor is a part without a heading inside another numbered one: a classical
             text's sections inside its chapters, 43 entries "Section 1 … Section 7" that
             named nothing a reader sees; the chapters are listed) -->
        <xsl:apply-templates select="." mode="toc-children"/>
      </xsl:when>
      <xsl:otherwise>
        <li>
          <a>
            <xsl:attribute name="href">#<xsl:call-template name="id-value"/></xsl:attribute>
            <xsl:call-template name="division-label"/>
          </a>
          <xsl:variable name="sub"><xsl:apply-templates select="." mode="toc-children"/></xsl:variable>
          <xsl:if test="string($sub) != ''"><ol><xsl:copy-of select="$sub"/></ol></xsl:if>
        </li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A division's label: its head, else the title of its title page, else its kind and
       number in the document's language ("Scene 3": @n, else its place among the
       divisions of its kind beside it); a kind editio has no word for is shown as the
       TEI names it when that is a plain word ("Signature"), and as a "Section" when it is
       an encoding value ("writingSession", "imtAnnotation"). -->
    <xsl:template name="division-label">
    <xsl:variable name="head"><xsl:call-template name="heading-words"/></xsl:variable>
    <!-- EpiDoc and CTS texts say what a "textpart" is in @subtype (chapter, capitulum, section) -->
    <xsl:variable name="type" select="normalize-space(@type[not(. = 'textpart' and normalize-space(../@subtype) != '')] | @subtype[../@type = 'textpart'])"/>
    <xsl:variable name="kind" select="translate($type, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="word" select="$L[@k = concat('div-', $kind)]"/>
    <!-- a number, not an identifier: a CTS URN in @n ("urn:cts:greekLit:tlg0011…", as
         Perseus numbers its editions) names nothing a reader counts -->
    <xsl:variable name="n" select="normalize-space(@n[not(contains(., ':'))])"/>
    <!-- (a chapter's subtitle, head type="sub" after its heading, names it too: "CHAPTER I.
         CHARLESTON.", not four "CHAPTER" entries told apart by their numbers only) -->
    <xsl:variable name="sub"><xsl:apply-templates select="tei:head[normalize-space(.) != ''][1]/following-sibling::tei:head[@type = 'sub' or @type = 'subtitle'][normalize-space(.) != ''][1]" mode="plain"/></xsl:variable>
    <xsl:variable name="h" select="normalize-space($head)"/>
    <xsl:choose>
      <xsl:when test="$h != '' and normalize-space($sub) != ''">
        <xsl:value-of select="$h"/>
        <xsl:choose>
          <xsl:when test="contains('.,:;!?', substring($h, string-length($h)))"><xsl:text> </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>: </xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="normalize-space($sub)"/>
      </xsl:when>
      <xsl:when test="normalize-space($head) != ''"><xsl:value-of select="normalize-space($head)"/></xsl:when>
      <xsl:when test="(tei:titlePage | tei:front/tei:titlePage)//tei:titlePart">
        <xsl:variable name="t"><xsl:apply-templates select="((tei:titlePage | tei:front/tei:titlePage)//tei:titlePart)[1]" mode="plain"/></xsl:variable>
        <xsl:value-of select="normalize-space($t)"/>
      </xsl:when>
      <!-- the one division holding the whole work (EMOTHE's div1 type="play" n="0") is
           the work: its title, not "Play 0" -->
      <xsl:when test="contains(' play drama text work main novel whole edition ', concat(' ', $kind, ' '))
          and not(preceding-sibling::*[local-name() = local-name(current())] | following-sibling::*[local-name() = local-name(current())])">
        <xsl:value-of select="$title-text"/>
      </xsl:when>
      <!-- a division of kind "title" holding one short line is that title ("Nisibis II",
           not "Title 2") -->
      <xsl:when test="contains(' title heading head ', concat(' ', $kind, ' ')) and count(*) = 1 and (tei:ab or tei:p)
          and normalize-space(.) != '' and string-length(normalize-space(.)) &lt; 150">
        <xsl:variable name="t"><xsl:apply-templates select="*" mode="plain"/></xsl:variable>
        <xsl:value-of select="normalize-space($t)"/>
      </xsl:when>
      <xsl:when test="$word and $n != ''"><xsl:value-of select="concat($word, ' ', $n)"/></xsl:when>
      <!-- an abstract in another language than the document's is headed in its own
           ("Abstract" over the English one of a French article, as journals do) -->
      <xsl:when test="$word and contains($headed-parts, concat(' ', $kind, ' '))">
        <xsl:call-template name="label-here"><xsl:with-param name="k" select="concat('div-', $kind)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$word and contains($single-parts, concat(' ', $kind, ' '))
          and not(preceding-sibling::*[local-name() = local-name(current())][translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = $kind]
               | following-sibling::*[local-name() = local-name(current())][translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = $kind])">
        <xsl:value-of select="$word"/>
      </xsl:when>
      <xsl:when test="$word">
        <xsl:value-of select="concat($word, ' ', count(preceding-sibling::*[local-name() = local-name(current())]
            [translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = $kind
             or (@type = 'textpart' and translate(normalize-space(@subtype), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = $kind)]) + 1)"/>
      </xsl:when>
      <xsl:when test="$type != '' and translate($type, 'abcdefghijklmnopqrstuvwxyz', '') = ''">
        <xsl:value-of select="concat(translate(substring($type, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($type, 2))"/>
        <xsl:if test="$n != ''"><xsl:value-of select="concat(' ', $n)"/></xsl:if>
      </xsl:when>
      <xsl:when test="$n != ''"><xsl:value-of select="concat($L[@k = 'section'], ' ', $n)"/></xsl:when>
      <!-- its place among the divisions beside it ("Section 2" of its chapter; a number
           counted over the whole text, "Section 7" for a story's first part, named
           nothing a reader could count) -->
      <xsl:otherwise><xsl:value-of select="concat($L[@k = 'section'], ' ', count(preceding-sibling::*[local-name() = local-name(current())]) + 1)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
